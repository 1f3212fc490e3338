import type { App } from '../app/app';

/** Registers every content plugin's task functions on the App. */
export function installPlugins(app: App): App {
  return app;
}
