import type { Task } from './task';
import type { NewTask } from './task-store';

/** Pulp's TaskSchedule: a task dispatched at `nextDispatch`, then every `dispatchIntervalSeconds`. */
export interface TaskSchedule {
  id: string;
  name: string;
  taskName: string;
  /** Null: the schedule fires once. */
  dispatchIntervalSeconds: number | null;
  /** Null once a one-off schedule has fired. */
  nextDispatch: string | null;
  lastTaskId: string | null;
  pulpCreated: string;
  pulpLastUpdated: string;
}

export interface TaskScheduleFilter {
  name?: string;
  nameContains?: string;
  taskName?: string;
  taskNameContains?: string;
}

export interface TaskScheduleStore {
  list(filter: TaskScheduleFilter, page: { limit: number; offset: number }): Promise<{ count: number; results: TaskSchedule[] }>;
  get(id: string): Promise<TaskSchedule | undefined>;
  /**
   * Claims every due schedule whose last task is final, in one transaction: inserts the task
   * `build` makes for it and moves `nextDispatch` past now. Concurrent callers skip schedules
   * another one holds, so each tick yields exactly one task however many sweepers run.
   * A schedule `build` declines (undefined) is left untouched.
   */
  claimDue(build: (schedule: TaskSchedule) => NewTask | undefined | Promise<NewTask | undefined>): Promise<Task[]>;
}
