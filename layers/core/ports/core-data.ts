import type { ArtifactStore } from './artifact-store';
import type { ContentStore } from './content-store';
import type { DistributionStore } from './distribution-store';
import type { PublicationStore } from './publication-store';
import type { RemoteStore } from './remote-store';
import type { RepositoryStore } from './repository-store';
import type { TaskResourceStore } from './task-resource-store';
import type { UploadStore } from './upload-store';
import type { VersionStore } from './version-store';

/** Every store of the generic Pulp objects, bound to one connection or transaction. */
export interface CoreStores {
  artifacts: ArtifactStore;
  uploads: UploadStore;
  content: ContentStore;
  repositories: RepositoryStore;
  versions: VersionStore;
  remotes: RemoteStore;
  publications: PublicationStore;
  distributions: DistributionStore;
  taskResources: TaskResourceStore;
}

export interface CoreData extends CoreStores {
  /** Runs `fn` in one transaction; a throw rolls every write back. */
  transaction<T>(fn: (tx: CoreStores) => Promise<T>): Promise<T>;
}
