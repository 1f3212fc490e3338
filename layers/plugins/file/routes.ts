import type { App } from '../../app/app';
import type { Route } from '../../http/route';

/** Every route of the file plugin (and the core objects it brings: artifacts, uploads, orphans). */
export function fileRoutes(): Route<App>[] {
  return [];
}
