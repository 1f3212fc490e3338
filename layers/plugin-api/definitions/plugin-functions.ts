import type { WantedFile } from '../../core/download/download-service';
import type { Logger } from '../../core/logger';
import type { Distribution } from '../../core/models/distribution';
import type { Remote } from '../../core/models/remote';
import type { Repository, RepositoryVersion } from '../../core/models/repository';
import type { MetadataFile } from '../../core/publications/publication-service';
import type { TaskContext } from '../../core/tasks/task-context';
import type { TaskHandle } from '../../core/tasks/task-definition';
import type { PulledFile } from '../../core/ports/pulled-file';
import type { Route } from '../../http/route';
import type { PluginServices } from './plugin-services';

export interface SyncInput {
  repository: Repository;
  remote: Remote;
  mirror: boolean;
  /** The sync body's type-specific fields (file: `optimize`). */
  options: Record<string, unknown>;
}

/** A sync, run as a task under the repository's exclusive lock and the remote's shared one. */
export type SyncFunction = (input: SyncInput, ctx: TaskContext, services: PluginServices) => Promise<unknown>;

export interface PublishInput {
  repository: Repository;
  version: RepositoryVersion;
  /** The publication's type-specific fields. */
  fields: Record<string, unknown>;
}

export interface PublishOutput {
  /** Whether the version's content is served at its relative paths (besides the metadata). */
  passThrough: boolean;
  /** Files the publication serves itself (indexes, manifests). */
  metadata: MetadataFile[];
}

export type PublishFunction = (input: PublishInput, ctx: TaskContext, services: PluginServices) => Promise<PublishOutput>;

/** A task of a plugin's own, dispatched from its routes through `services.tasks.dispatchTask`. */
export interface PluginTask<A = never> {
  handle: TaskHandle<A>;
  run(args: A, ctx: TaskContext, services: PluginServices): Promise<unknown>;
}

/** A route of a plugin's own (besides the ones core builds from its declarations). */
export type PluginRoute = Route<PluginServices>;

/** A request the content app passes to a plugin. */
export interface ContentHookRequest {
  distribution: Distribution;
  /** The path below the distribution's base path. */
  relativePath: string;
  head: boolean;
  headers: Record<string, string>;
}

/**
 * An answer from a plugin to the content app: a response of its own, or a stored artifact the
 * app then serves like any other file (its redirect to the immutable artifact URL).
 */
export type ContentHookAnswer =
  | { statusCode: number; headers: Record<string, string>; body: string | Buffer }
  | { artifact: { sha256: string; size: number } };

/**
 * What the content app offers a plugin's hook. The content app runs without the database (it
 * reads the delivery index), so a hook reads remotes from there, stores files itself, and
 * leaves what Postgres must learn to the workers (`keep`, then the plugin's `recordPulled`).
 */
export interface ContentAppServices {
  logger: Logger;
  /** A remote (secrets opened) as the delivery index holds it. */
  remote(id: string): Promise<Remote | undefined>;
  /** Reads a document of the remote (an index page), refusing more than `limit` bytes. */
  text(remote: Remote, url: string, limit: number): Promise<{ text: string; url: string }>;
  /** Fetches one file of the remote into storage, verified by its sha256 (and size when given). */
  store(remote: Remote, file: WantedFile): Promise<{ sha256: string; size: number }>;
  /** Hands a stored file to the workers, who record it in Postgres through `recordPulled`. */
  keep(record: PulledFile): Promise<void>;
}

export type { PulledFile } from '../../core/ports/pulled-file';

export interface ContentAppHooks {
  /**
   * Answers a path that the distribution's stored content does not hold: metadata generated
   * on the fly, pull-through from the distribution's remote. Undefined: the app answers 404.
   */
  serveMissing?(request: ContentHookRequest, services: ContentAppServices): Promise<ContentHookAnswer | undefined>;
  /**
   * Records a file `serveMissing` kept (as content, in the distribution's repository): run by
   * the workers' maintenance, where the database is. The file's artifact exists by then.
   */
  recordPulled?(file: PulledFile, services: PluginServices): Promise<void>;
}
