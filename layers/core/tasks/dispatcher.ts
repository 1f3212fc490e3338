import { newId } from '../ids';
import { currentCorrelationId } from './correlation-scope';
import type { Task } from './task';
import type { TaskQueue } from './task-queue';
import type { TaskStore } from './task-store';
import type { TaskRunner } from './task-runner';

/** Every task reads the default domain: Pulp records `shared:prn:core.domain:<id>` on all of them. */
export const DEFAULT_DOMAIN_PRN = 'prn:core.domain:018f0e3a-0000-7000-8000-000000000001';

export interface DispatchRequest {
  name: string;
  args?: Record<string, unknown>;
  exclusiveResources?: string[];
  sharedResources?: string[];
  loggingCid?: string;
  parentTaskId?: string | null;
  taskGroupId?: string | null;
  /**
   * Pulp's immediate tasks (updates and deletes): run inside the request when the resources
   * are free, else left to the workers. Either way the caller gets a task record.
   */
  immediate?: boolean;
}

/** The worker name immediate tasks record. */
export const IMMEDIATE_WORKER = 'api';
/** Pulp's IMMEDIATE_TIMEOUT: the time budget an inline task is told it has. */
const IMMEDIATE_BUDGET_MS = 5_000;

/**
 * Creates a task: the row first (so it exists even if the wake-up is lost), then one message
 * whose group is the task's first exclusive resource, so work on one resource is delivered in
 * order. Tasks with only shared resources get a group of their own: Postgres decides anyway.
 */
export class TaskDispatcher {
  private runner: TaskRunner | undefined;

  constructor(
    private readonly store: TaskStore,
    private readonly queue: TaskQueue,
  ) {}

  /** The runner that executes immediate tasks inline (it depends on the dispatcher's queue). */
  useRunner(runner: TaskRunner): void {
    this.runner = runner;
  }

  async dispatch(request: DispatchRequest): Promise<Task> {
    const id = newId();
    const exclusiveResources = [...new Set(request.exclusiveResources ?? [])];
    const task = await this.store.insert({
      id,
      name: request.name,
      args: request.args ?? {},
      // An explicit id wins; otherwise the API request being served (see correlation-scope).
      loggingCid: request.loggingCid ?? currentCorrelationId() ?? '',
      exclusiveResources,
      sharedResources: [...new Set([...(request.sharedResources ?? []), DEFAULT_DOMAIN_PRN])].filter(
        (r) => !exclusiveResources.includes(r),
      ),
      messageGroup: exclusiveResources[0] ?? id,
      parentTaskId: request.parentTaskId ?? null,
      taskGroupId: request.taskGroupId ?? null,
    });
    if (request.immediate && this.runner) {
      const deadline = Date.now() + IMMEDIATE_BUDGET_MS;
      const result = await this.runner.handle(task.id, {
        workerName: IMMEDIATE_WORKER,
        remainingTimeMs: () => deadline - Date.now(),
        receiveCount: 1,
      });
      if (result !== 'blocked') return (await this.store.get(task.id)) ?? task;
    }
    // Blocked immediate tasks are deferred: a worker runs them once the resource frees.
    await this.queue.wake(task);
    return task;
  }
}
