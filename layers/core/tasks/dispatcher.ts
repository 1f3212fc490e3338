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
 */
export class TaskDispatcher {
  constructor(
    private readonly creator: TaskCreator,
    private readonly runner: TaskRunner,
    private readonly store: TaskStore,
  ) {}

  /** Dispatches a typed task: the handle names the task and fixes its arguments' shape. */
  dispatchTask<A extends object>(task: TaskHandle<A>, args: A, options: DispatchOptions = {}): Promise<Task> {
    return this.dispatch({ ...options, name: task.name, args: args as Record<string, unknown> });
  }

  async dispatch(request: DispatchRequest): Promise<Task> {
    const task = await this.creator.insert(request);
    if (request.immediate) {
      const deadline = Date.now() + IMMEDIATE_BUDGET_MS;
      const result = await this.runner.handle(task.id, {
        workerName: IMMEDIATE_WORKER,
        remainingTimeMs: () => deadline - Date.now(),
        receiveCount: 1,
      });
      if (result !== 'blocked') return (await this.store.get(task.id)) ?? task;
    }
    // Blocked immediate tasks are deferred: a worker runs them once the resource frees.
    await this.creator.wake(task);
    return task;
  }
}
