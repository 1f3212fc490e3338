import type { ObjectScope } from '../access/route-access';
import type { Task, TaskError, ProgressReport, TaskState } from './task';

export interface NewTask {
  id: string;
  name: string;
  args: Record<string, unknown>;
  loggingCid: string;
  exclusiveResources: string[];
  sharedResources: string[];
  messageGroup: string;
  parentTaskId?: string | null;
  taskGroupId?: string | null;
  userId?: string | null;
}

export interface TaskFilter {
  state?: TaskState;
  stateIn?: TaskState[];
  name?: string;
  nameContains?: string;
  loggingCidContains?: string;
  workerName?: string;
  workerId?: string;
  parentTaskId?: string;
  taskGroupId?: string;
  createdResources?: string;
  /** Each entry must be reserved (AND), exclusive or shared. */
  reservedResourcesAll?: string[];
  exclusiveResourcesAll?: string[];
  sharedResourcesAll?: string[];
  startedAtGte?: Date;
  startedAtLte?: Date;
  finishedAtGte?: Date;
  finishedAtLte?: Date;
  ids?: string[];
  /** What the asking user may see (absent: everything). */
  scope?: ObjectScope;
}

export interface Page {
  limit: number;
  offset: number;
}

export type CancelOutcome =
  | { kind: 'canceled'; task: Task; toWake: Task[] }
  | { kind: 'canceling'; task: Task }
  | { kind: 'final'; task: Task }
  | { kind: 'missing' };

/** What `tryStart` found. */
export type StartOutcome =
  | { kind: 'started'; task: Task }
  | { kind: 'blocked' }
  /** Not waiting any more (a duplicate delivery, or canceled): nothing to do. */
  | { kind: 'not-waiting'; task: Task | undefined };

/** A running task whose invocation seems gone, and why the sweeper thinks so. */
export interface AbandonedTask {
  task: Task;
  /** Past its invocation's deadline (certain), or its lease expired (to be confirmed). */
  cause: 'deadline' | 'lease';
}

export type Outcome =
  | { state: 'completed'; result: unknown }
  | { state: 'failed'; error: TaskError }
  | { state: 'canceled'; error: TaskError };

/** Persistence of tasks: each method is atomic on its own. */
export interface TaskStore {
  insert(task: NewTask): Promise<Task>;
  get(id: string): Promise<Task | undefined>;
  list(filter: TaskFilter, page: Page): Promise<{ count: number; results: Task[] }>;
  /**
   * Moves a waiting task to running if no earlier incomplete task holds a conflicting
   * reservation and no running one does; otherwise marks it deferred so whoever frees
   * a resource wakes it.
   */
  tryStart(id: string, workerName: string, deadline: Date): Promise<StartOutcome>;
  /**
   * Records the outcome of a running or canceling task and returns the tasks to wake: for
   * each resource it held, the oldest deferred waiting task that needs it (and the shared
   * users right behind that one, who can run together), so a queue of n tasks costs O(n)
   * wake-ups. With `includeUndeferred` waiting tasks not yet deferred count too: their own
   * messages may sit behind a dead invocation's.
   */
  finish(id: string, outcome: Outcome, options?: { includeUndeferred?: boolean }): Promise<{ task: Task; toWake: Task[] }>;
  /** Writes progress (renewing the lease) and returns the task's state, so a running task notices a cancel. */
  setProgress(id: string, reports: ProgressReport[]): Promise<TaskState | undefined>;
  /** Renews the lease of the invocation running the task and returns the task's state. */
  renewLease(id: string): Promise<TaskState | undefined>;
  /** waiting → canceled (kind `canceled`, with the tasks to wake); running → canceling. */
  requestCancel(id: string): Promise<CancelOutcome>;
  /** Keeps a running task's reservations while no invocation runs it. */
  suspend(id: string, checkpoint: unknown): Promise<void>;
  /** Claims a suspended task for this invocation; undefined if another took it or it ended. */
  resume(id: string, workerName: string, deadline: Date): Promise<Task | undefined>;
  /**
   * Running tasks whose invocation seems gone: past their deadline by `graceSeconds`, or
   * their lease not renewed for `leaseSeconds`.
   */
  findAbandoned(graceSeconds: number, leaseSeconds: number): Promise<AbandonedTask[]>;
  /**
   * Tasks nothing is moving: waiting tasks first in line for every resource they need (no
   * conflicting task running or waiting before them) yet untouched for `olderThanSeconds`,
   * whose wake-up was lost or sits behind a stuck message; and suspended tasks whose
   * continuation never came.
   */
  findStuck(olderThanSeconds: number, limit: number): Promise<Task[]>;
  delete(id: string): Promise<'deleted' | 'not-final' | 'missing'>;
  /** `scope`: only the tasks a user may delete (a purge they dispatched). */
  purge(finishedBefore: Date, states: TaskState[], scope?: ObjectScope): Promise<number>;
  childTaskIds(ids: string[]): Promise<Map<string, string[]>>;
  addCreatedResource(id: string, href: string, prn: string | null): Promise<void>;
  removeCreatedResource(id: string, href: string): Promise<void>;
}
