import { randomUUID } from 'node:crypto';
import type { App } from '../../layers/app/app';
import { appVersions } from '../../layers/core/status/versions';
import { Heartbeat } from '../../layers/core/workers/heartbeat';

/** Each execution environment is one Pulp worker with a name of its own. */
export const workerName =
  process.env.WORKER_NAME ?? `${process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'worker'}@${randomUUID().slice(0, 8)}`;

// Per App: one process builds one in Lambda, but a benchmark or test may build several in turn.
const heartbeats = new WeakMap<App, Heartbeat>();

export function workerHeartbeat(app: App): Heartbeat {
  let heartbeat = heartbeats.get(app);
  if (!heartbeat) {
    heartbeat = new Heartbeat(app.workers, workerName, 'worker', appVersions(), app.config.workerTtlSeconds);
    heartbeats.set(app, heartbeat);
  }
  return heartbeat;
}
