import type { CoreData, CoreStores } from '../../core/ports/core-data';
import type { ContentStorage } from '../../core/ports/content-storage';
import type { Database, Queryable } from './database';
import { PgArtifactStore } from './stores/artifact-store';
import { PgContentStore } from './stores/content-store';
import { PgDistributionStore } from './stores/distribution-store';
import { PgPublicationStore } from './stores/publication-store';
import { PgRemoteStore } from './stores/remote-store';
import { PgRepositoryStore } from './stores/repository-store';
import { PgUploadStore } from './stores/upload-store';
import { PgVersionStore } from './stores/version-store';
import { PgTaskResourceStore } from './stores/task-resource-store';

/** The generic objects' stores on Postgres, on the pool or inside one transaction. */
export function pgCoreData(db: Database, contentTypes: readonly ContentStorage[]): CoreData {
  const stores = (q: Queryable): CoreStores => ({
    artifacts: new PgArtifactStore(q),
    uploads: new PgUploadStore(q),
    content: new PgContentStore(q, contentTypes),
    repositories: new PgRepositoryStore(q),
    versions: new PgVersionStore(q),
    remotes: new PgRemoteStore(q),
    publications: new PgPublicationStore(q),
    distributions: new PgDistributionStore(q),
    taskResources: new PgTaskResourceStore(q),
  });
  return { ...stores(db), transaction: (fn) => db.transaction((client) => fn(stores(client as unknown as Queryable))) };
}
