import type { WorkerRecord } from '../../core/workers/worker-registry';
import { f, schema } from '../../http/schema/fields';

export const workerHref = (id: string): string => `/pulp/api/v3/workers/${id}/`;

export const WorkerSchema = schema('Worker', {
  pulp_href: f.href({ readOnly: true }),
  prn: f.string({ readOnly: true }),
  pulp_created: f.dateTime({ readOnly: true }),
  pulp_last_updated: f.dateTime({ readOnly: true }),
  name: f.string({ readOnly: true }),
  last_heartbeat: f.dateTime({ readOnly: true }),
  versions: f.labels({ readOnly: true }),
  current_task: f.href({ readOnly: true, nullable: true }),
});

export function serializeWorker(w: WorkerRecord): Record<string, unknown> {
  return {
    pulp_href: workerHref(w.id),
    prn: `prn:core.worker:${w.id}`,
    pulp_created: w.pulpCreated,
    pulp_last_updated: w.lastHeartbeat,
    name: w.name,
    last_heartbeat: w.lastHeartbeat,
    versions: w.versions,
    current_task: null,
  };
}
