import { randomUUID } from 'node:crypto';
import type { App } from '../../layers/app/app';
import { appVersions } from '../../layers/core/status/versions';
import { Heartbeat } from '../../layers/core/workers/heartbeat';

/** Each execution environment is one Pulp worker with a name of its own. */
export const workerName =
  process.env.WORKER_NAME ?? `${process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'worker'}@${randomUUID().slice(0, 8)}`;

let heartbeat: Heartbeat | undefined;

export function workerHeartbeat(app: App): Heartbeat {
  heartbeat ??= new Heartbeat(app.workers, workerName, 'worker', appVersions(), app.config.workerTtlSeconds);
  return heartbeat;
}
