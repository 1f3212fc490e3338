import type { App } from '../app/app';
import type { Route } from '../http/route';
import type { GeneralTasks } from './general-tasks';

/** A content type a plugin adds, e.g. `file.file` listed at `content/file/files/`. */
export interface ContentTypeSpec {
  pulpType: string;
  /** The type's content collection, for content_summary hrefs and the generic content list. */
  contentPrefix: string;
}

/**
 * One content plugin: its content types, href collections (for PRNs and task filters), API
 * routes and task functions. `A` is what the plugin needs from the adapters (its ports),
 * built by installPlugins so the plugin itself never imports pg or the AWS SDK.
 */
export interface Plugin<A = unknown> {
  name: string;
  contentTypes: ContentTypeSpec[];
  collections: Array<{ prefix: string; model: string }>;
  routes(): Route<App>[];
  install(app: App, general: GeneralTasks, adapters: A): void;
}
