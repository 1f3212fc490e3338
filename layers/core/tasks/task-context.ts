import type { DispatchRequest } from './task-creator';
import type { ProgressReport, Task } from './task';

/** What a running task function may do besides its own work. */
export interface TaskContext {
  readonly taskId: string;
  readonly loggingCid: string;
  /** Milliseconds left before the invocation running this task is stopped. */
  remainingTimeMs(): number;
  /** Replaces the task's progress report with this code (written through, throttled). */
  progress(report: ProgressReport): Promise<void>;
  /** Records an href (and its PRN) in `created_resources` as soon as the object exists. */
  created(href: string, prn?: string): Promise<void>;
  /** Removes an href again, e.g. a version that turned out empty. */
  uncreated(href: string): Promise<void>;
  /** Throws TaskCanceled if someone asked to cancel this task; call it between steps. */
  throwIfCanceled(): Promise<void>;
  /** What the previous invocation saved with continueLater(), or undefined on the first run. */
  readonly checkpoint: unknown;
  /** Ends this invocation; a new one resumes the task with `state` as its checkpoint. */
  continueLater(state: unknown): never;
  /** Dispatches a child task: its `parent_task` is this task, its logging_cid this one's. */
  dispatchChild(request: Omit<DispatchRequest, 'parentTaskId'>): Promise<Task>;
}

/** A task function: its return value becomes the task's `result`. */
export type TaskFunction = (ctx: TaskContext, args: Record<string, unknown>) => Promise<unknown>;
