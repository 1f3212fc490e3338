/** Pulp's task states. pulp-glue raises on any other value. */
export const TASK_STATES = ['waiting', 'running', 'completed', 'failed', 'canceling', 'canceled', 'skipped'] as const;
export type TaskState = (typeof TASK_STATES)[number];

export const FINAL_STATES: readonly TaskState[] = ['completed', 'failed', 'canceled', 'skipped'];

export function isFinal(state: TaskState): boolean {
  return FINAL_STATES.includes(state);
}

export interface TaskError {
  description?: string;
  traceback?: string;
  reason?: string;
}

export interface ProgressReport {
  message: string;
  code: string;
  state: 'waiting' | 'running' | 'completed' | 'failed' | 'canceled' | 'skipped';
  total: number | null;
  done: number;
  suffix: string | null;
}

/** A task record, the one Postgres holds. Timestamps are ISO-8601 strings with µs. */
export interface Task {
  id: string;
  name: string;
  state: TaskState;
  args: Record<string, unknown>;
  loggingCid: string;
  exclusiveResources: string[];
  sharedResources: string[];
  messageGroup: string;
  unblockedAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  error: TaskError | null;
  workerName: string | null;
  workerId: string | null;
  parentTaskId: string | null;
  taskGroupId: string | null;
  /** The user who dispatched it (null for the system's own tasks): the task runs as them. */
  userId?: string | null;
  progressReports: ProgressReport[];
  createdResources: string[];
  /** The PRN of each created resource, in the same order ('' where unknown). */
  createdResourcePrns: string[];
  result: unknown;
  attempts: number;
  checkpoint: unknown;
  pulpCreated: string;
  pulpLastUpdated: string;
}

/** Pulp's `reserved_resources_record`: exclusive names, then `shared:<name>`. */
export function reservedResourcesRecord(task: Pick<Task, 'exclusiveResources' | 'sharedResources'>): string[] {
  return [...task.exclusiveResources, ...task.sharedResources.map((r) => `shared:${r}`)];
}
