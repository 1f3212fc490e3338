import { randomUUID } from 'node:crypto';
import { createApp, type App } from '../../layers/app/app';
import { readConfig } from '../../layers/app/config';
import type { AppKind } from '../../layers/core/workers/worker-registry';
import { installedPlugins } from '../../layers/plugins';
import { logger } from './powertools';

/**
 * Each execution environment is one Pulp app of its kind (a worker, an API app, a content
 * app) with a name of its own, listed by status/ while it beats.
 */
const suffix = randomUUID().slice(0, 8);
export const workerName = process.env.WORKER_NAME ?? `${process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'worker'}@${suffix}`;

export function processName(kind: AppKind): string {
  return kind === 'worker' ? workerName : `${process.env.AWS_LAMBDA_FUNCTION_NAME ?? kind}@${suffix}`;
}

/** A heartbeat is worth at most this much of a request's time. */
export const HEARTBEAT_BUDGET_MS = 2_000;

let current: App | undefined;

/** The process's App, built on first use from the environment (outside the handler's hot path). */
export function getApp(): App {
  current ??= createApp(readConfig(), installedPlugins, logger, { processName });
  return current;
}

/** Lets the local runner and tests hand every handler in the process one prepared App. */
export function useApp(app: App): void {
  current = app;
}
