import type { Database, Queryable } from '../database';
import type { FileData, FileStores } from '../../../plugins/file/ports';
import { PgArtifactStore } from './artifact-store';
import { PgContentStore } from './content-store';
import { PgDistributionStore } from './distribution-store';
import { PgPublicationStore } from './publication-store';
import { PgRepositoryStore } from './repository-store';
import { PgUploadStore } from './upload-store';
import { PgVersionStore } from './version-store';

function stores(q: Queryable): FileStores {
  return {
    artifacts: new PgArtifactStore(q),
    uploads: new PgUploadStore(q),
    content: new PgContentStore(q),
    repositories: new PgRepositoryStore(q),
    versions: new PgVersionStore(q),
    publications: new PgPublicationStore(q),
    distributions: new PgDistributionStore(q),
  };
}

/** The file plugin's stores on the pool, plus transactions binding them to one connection. */
export function pgFileData(db: Database): FileData {
  return {
    ...stores(db),
    transaction: (fn) => db.transaction((client) => fn(stores(client as unknown as Queryable))),
  };
}
