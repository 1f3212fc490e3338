import { createApp, type App } from '../../layers/app/app';
import { readConfig } from '../../layers/app/config';
import { installPlugins } from '../../layers/plugins/install';
import { logger } from './powertools';

let current: App | undefined;

/** The process's App, built on first use from the environment (outside the handler's hot path). */
export function getApp(): App {
  current ??= installPlugins(createApp(readConfig(), logger));
  return current;
}

/** Lets the local runner and tests hand every handler in the process one prepared App. */
export function useApp(app: App): void {
  current = app;
}
