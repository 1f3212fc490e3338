import type { Distribution } from '../../core/models/distribution';
import type { Remote } from '../../core/models/remote';
import type { Repository, RepositoryVersion } from '../../core/models/repository';
import type { MetadataFile } from '../../core/publications/publication-service';
import type { TaskContext } from '../../core/tasks/task-context';
import type { TaskHandle } from '../../core/tasks/task-definition';
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

export interface ContentAppHooks {
  /**
   * Answers a path that the distribution's stored content does not hold: metadata generated
   * on the fly, pull-through from the distribution's remote. Undefined: the app answers 404.
   */
  serveMissing?(request: ContentHookRequest, services: PluginServices): Promise<ContentHookAnswer | undefined>;
}
