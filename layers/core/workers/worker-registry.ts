import type { DateRange, Ordering } from '../models/page';
import type { TextMatch } from '../text-match';

/** A live process of one kind: a worker (task runner), a content app or an API app. */
export type AppKind = 'worker' | 'content' | 'api';

export interface WorkerRecord {
  id: string;
  name: string;
  kind: AppKind;
  versions: Record<string, string>;
  lastHeartbeat: string;
  pulpCreated: string;
}

/** Pulp's worker filters: online = seen within WORKER_TTL, missing = known but not seen within it. */
export interface WorkerFilter {
  name?: TextMatch;
  lastHeartbeat?: DateRange;
  online?: boolean;
  missing?: boolean;
  ttlSeconds: number;
  ordering?: Ordering;
}

/** Heartbeats of live processes; Pulp lists those seen within WORKER_TTL as online. */
export interface WorkerRegistry {
  heartbeat(name: string, kind: AppKind, versions: Record<string, string>): Promise<void>;
  online(kind: AppKind, ttlSeconds: number): Promise<WorkerRecord[]>;
  list(filter: WorkerFilter, page: { limit: number; offset: number }): Promise<{ count: number; results: WorkerRecord[] }>;
  get(id: string): Promise<WorkerRecord | undefined>;
  /** Removes records not seen for `olderThanSeconds`; returns how many. */
  removeMissing(olderThanSeconds: number): Promise<number>;
  remove(name: string): Promise<void>;
}
