import type { Logger } from '../logger';
import type { Task } from './task';
import type { TaskCreator, DispatchRequest } from './task-creator';
import type { TaskHandle } from './task-definition';
import type { TaskRunner } from './task-runner';
import type { TaskStore } from './task-store';

export { DEFAULT_DOMAIN_PRN, type DispatchRequest } from './task-creator';

/** The worker name immediate tasks record. */
export const IMMEDIATE_WORKER = 'api';
/** Pulp's IMMEDIATE_TIMEOUT: the time budget an inline task is told it has. */
const IMMEDIATE_BUDGET_MS = 5_000;

/** Where a dispatched task's resources are and how it runs; the task's name and args come from its handle. */
export type DispatchOptions = Omit<DispatchRequest, 'name' | 'args'>;

/**
 * What the API and task functions dispatch through. Immediate tasks run here, inline, when
 * their resources are free; every other task is created and left to the workers.
 *
 * Once the row exists the task is committed: whatever goes wrong afterwards (a slow queue, the
 * inline run hitting a database stall), the caller gets the task, never an error that would
 * make a client send the same request again and apply it twice.
 */
export class TaskDispatcher {
  constructor(
    private readonly creator: TaskCreator,
    private readonly runner: TaskRunner,
    private readonly store: TaskStore,
    private readonly logger?: Logger,
  ) {}

  /** Dispatches a typed task: the handle names the task and fixes its arguments' shape. */
  dispatchTask<A extends object>(task: TaskHandle<A>, args: A, options: DispatchOptions = {}): Promise<Task> {
    return this.dispatch({ ...options, name: task.name, args: args as Record<string, unknown> });
  }

  async dispatch(request: DispatchRequest): Promise<Task> {
    const task = await this.creator.insert(request);
    if (request.immediate) {
      const ran = await this.runInline(task);
      // Blocked: the task is deferred, and whoever holds the resource wakes it on finishing.
      if (ran !== 'failed') return ran;
    }
    // The wake-up is bounded and never fails the dispatch; a lost one is re-sent by the sweeper.
    await this.creator.wake(task);
    return task;
  }

  /** Runs an immediate task here; 'failed' when it could not even be tried and needs a worker. */
  private async runInline(task: Task): Promise<Task | 'failed'> {
    const deadline = Date.now() + IMMEDIATE_BUDGET_MS;
    try {
      const result = await this.runner.handle(task.id, {
        workerName: IMMEDIATE_WORKER,
        remainingTimeMs: () => deadline - Date.now(),
        receiveCount: 1,
      });
      if (result === 'blocked') return task;
      return (await this.store.get(task.id).catch(() => undefined)) ?? task;
    } catch (err) {
      // Not started: a worker will run it. Started: its lease lapses and the sweeper fails it.
      this.logger?.warn('Immediate task could not run inline; left to the workers', {
        taskId: task.id,
        error: err instanceof Error ? err.message : String(err),
      });
      return 'failed';
    }
  }
}
