import type { App } from '../app/app';
import type { Route } from '../http/route';

/** Every content plugin's API routes. */
export function pluginRoutes(): Route<App>[] {
  return [];
}
