import type { Distribution } from '../../core/models/distribution';
import type { RemotePolicy } from '../../core/models/remote';
import type { Repository } from '../../core/models/repository';
import type { VersionUnit } from '../../core/models/content';
import type { ExtraFields } from './extra-field';
import type { TypeNaming } from './naming';
import type { PublishFunction, SyncFunction } from './plugin-functions';
import type { Field } from '../../http/schema/fields';

/** A sync from a remote: core adds the route, checks the body and runs `run` as a task. */
export interface SyncDefinition {
  /** The task name Pulp records, e.g. `pulp_file.app.tasks.synchronizing.synchronize`. */
  taskName: string;
  /** Body fields besides `remote` and `mirror` (file: `optimize`). */
  fields: Record<string, Field>;
  run: SyncFunction;
}

export interface RepositoryTypeDefinition extends TypeNaming {
  /** pulp_types of the content a repository of this type holds. */
  contentTypes: string[];
  fields: ExtraFields;
  /** pulp_types of the remotes it syncs from. */
  remoteTypes: string[];
  sync?: SyncDefinition;
  /** The publication type autopublish makes. */
  publicationType?: string;
  /** Checks a new version against the repository's settings (python: package substitution). */
  checkVersion?(repository: Repository, replaced: Array<{ old: VersionUnit; new: VersionUnit }>): string | undefined;
}

export interface RemoteTypeDefinition extends TypeNaming {
  fields: ExtraFields;
  defaultPolicy: RemotePolicy;
  /** What `url` points at, for the API document. */
  urlDescription: string;
}

export interface PublicationTypeDefinition extends TypeNaming {
  /** The repository type it publishes. */
  repositoryType: string;
  fields: ExtraFields;
  /** The task name Pulp records, e.g. `pulp_file.app.tasks.publishing.publish`. */
  taskName: string;
  /** The fields of a publication autopublish makes for this repository. */
  autopublishFields?(repository: Repository): Record<string, unknown>;
  publish: PublishFunction;
}

export interface DistributionTypeDefinition extends TypeNaming {
  repositoryType: string;
  publicationType?: string;
  fields: ExtraFields;
  /**
   * How a distribution of a repository or version serves it: through the latest publication of
   * the version (file), or the version's content directly (python).
   */
  serveFrom: 'publication' | 'version';
  /** Pull-through: the distribution takes a `remote` of these types. */
  remoteTypes?: string[];
  /** `base_url` shown on the distribution; default: the content app's URL of its base path. */
  baseUrl?(distribution: Distribution, origins: { content: string; api: string }): string;
}
