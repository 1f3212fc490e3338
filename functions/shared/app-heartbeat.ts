import { randomUUID } from 'node:crypto';
import type { App } from '../../layers/app/app';
import { appVersions } from '../../layers/core/status/versions';
import { Heartbeat } from '../../layers/core/workers/heartbeat';
import type { AppKind } from '../../layers/core/workers/worker-registry';

/**
 * Each execution environment is one Pulp app of its kind (a worker, an API app, a content
 * app) with a name of its own, listed by status/ while it beats.
 */
const suffix = randomUUID().slice(0, 8);
export const workerName = process.env.WORKER_NAME ?? `${process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'worker'}@${suffix}`;

function nameFor(kind: AppKind): string {
  return kind === 'worker' ? workerName : `${process.env.AWS_LAMBDA_FUNCTION_NAME ?? kind}@${suffix}`;
}

// Per App and kind: one process builds one App in Lambda, but tests and benchmarks build several.
const heartbeats = new WeakMap<App, Map<AppKind, Heartbeat>>();

export function appHeartbeat(app: App, kind: AppKind): Heartbeat {
  let byKind = heartbeats.get(app);
  if (!byKind) heartbeats.set(app, (byKind = new Map()));
  let heartbeat = byKind.get(kind);
  if (!heartbeat) {
    heartbeat = new Heartbeat(app.workers, nameFor(kind), kind, appVersions(), app.config.workerTtlSeconds);
    byKind.set(kind, heartbeat);
  }
  return heartbeat;
}
