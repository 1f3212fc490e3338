import type { App } from '../app/app';
import type { Route } from '../http/route';
import { registerCollection } from '../core/resource-names';
import { filePlugin } from './file/plugin';

/** Every content plugin's API routes. */
export function pluginRoutes(): Route<App>[] {
  // The API process registers collections too, so task filters by href work there.
  for (const c of filePlugin.collections) registerCollection(c.prefix, c.model);
  return filePlugin.routes();
}
