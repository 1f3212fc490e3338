import type { ArtifactService } from '../../core/artifacts/artifact-service';
import type { ContentService } from '../../core/content/content-service';
import type { DistributionService } from '../../core/distributions/distribution-service';
import type { Distribution } from '../../core/models/distribution';
import type { ServedVersion } from '../../core/ports/delivery-reader';
import type { DownloadService } from '../../core/download/download-service';
import type { TaskScratch } from '../../core/tasks/task-scratch';
import type { Logger } from '../../core/logger';
import type { Publication } from '../../core/models/publication';
import type { RepositoryVersion } from '../../core/models/repository';
import type { RemoteService } from '../../core/remotes/remote-service';
import type { RepositoryService } from '../../core/repositories/repository-service';
import type { VersionRequest, VersionService } from '../../core/repositories/version-service';
import type { ContentUnit } from '../../core/models/content';
import type { TaskContext } from '../../core/tasks/task-context';
import type { TaskDispatcher } from '../../core/tasks/dispatcher';
import type { UploadService } from '../../core/uploads/upload-service';
import type { TypeHrefs } from './type-hrefs';

/** Publishing as plugins see it: run a publication type's publisher for a version. */
export interface Publisher {
  get(id: string): Promise<Publication | undefined>;
  /** Runs the publication type's publisher for the version and records the publication. */
  publish(
    pulpType: string,
    version: RepositoryVersion,
    ctx: TaskContext,
    options?: { fields?: Record<string, unknown>; checkpoint?: boolean },
  ): Promise<Publication>;
}

/** A distribution found by its base path, with the version it serves. */
export interface ServedDistribution {
  distribution: Distribution;
  /** Its publication's version, else its repository version, else its repository's latest; null if none. */
  version: ServedVersion | null;
}

/** Everything core offers a plugin's routes, tasks and hooks. */
export interface PluginServices {
  /**
   * Makes a new version (null when nothing changed) inside a task: records it in the task's
   * created resources and, if the repository autopublishes, publishes it (recorded too).
   */
  newVersion(ctx: TaskContext, repositoryId: string, request: VersionRequest): Promise<RepositoryVersion | null>;
  readonly logger: Logger;
  /** Where clients reach the content app and the API (scheme and host, no trailing slash). */
  readonly origins: { content: string; api: string };
  readonly hrefs: TypeHrefs;
  readonly artifacts: ArtifactService;
  readonly uploads: UploadService;
  readonly content: ContentService;
  readonly repositories: RepositoryService;
  readonly versions: VersionService;
  /** A page of a version's content of one type, in a stable order. */
  versionContent(version: Pick<RepositoryVersion, 'repositoryId' | 'number'>, pulpType: string, window: { limit: number; offset: number }): Promise<ContentUnit[]>;
  readonly remotes: RemoteService;
  readonly publications: Publisher;
  readonly distributions: DistributionService;
  /** The distribution whose base path is exactly `basePath` (plugin routes such as `/pypi/<base_path>/`). */
  distributionAt(basePath: string): Promise<ServedDistribution | undefined>;
  /**
   * A body derived from immutable data (an index page of one repository version), kept in this
   * process, bounded by size, one load shared by concurrent misses. The key must name
   * everything the body depends on.
   */
  derivedBody(key: string, load: () => Promise<Buffer>): Promise<Buffer>;
  /** A unit as the API shows it (common fields and the type's own), for plugin routes answering with one. */
  serializeContent(unit: ContentUnit): Record<string, unknown>;
  readonly downloads: DownloadService;
  /** Values a task keeps across its invocations that are too big for its checkpoint (a sync's plan). */
  readonly scratch: TaskScratch;
  readonly tasks: TaskDispatcher;
}
