import { isFinal } from './task';
import { TaskCanceled, TaskLost } from './task-signals';
import type { TaskStore } from './task-store';

/**
 * The running invocation's claim on its task, renewed every `renewMs` for as long as the task
 * function runs. The sweeper fails a task only once its lease has stayed expired, so a task
 * survives a database stall that its worker's heartbeat would not. Each renewal also reads the
 * task's state: a cancel request, or the task having been finished elsewhere, aborts `controller`.
 */
export class TaskLease {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly store: TaskStore,
    private readonly taskId: string,
    private readonly renewMs: number,
    private readonly controller: AbortController,
  ) {}

  start(): this {
    this.schedule();
    return this;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.stopped) return;
    // One renewal at a time: a stalled one is not stacked on by the next.
    this.timer = setTimeout(() => void this.renew().finally(() => this.schedule()), this.renewMs);
    this.timer.unref?.();
  }

  private async renew(): Promise<void> {
    let state: Awaited<ReturnType<typeof this.store.renewLease>>;
    try {
      state = await this.store.renewLease(this.taskId);
    } catch {
      // The database is unreachable: try again next time; the lease outlives a few misses.
      return;
    }
    if (this.stopped || this.controller.signal.aborted) return;
    if (state === 'canceling') this.controller.abort(new TaskCanceled());
    else if (state === undefined || isFinal(state)) this.controller.abort(new TaskLost());
  }
}
