import { currentPrincipal, objectCreated } from '../access/principal';
import { newId } from '../ids';
import { currentCorrelationId } from './correlation-scope';
import type { Task } from './task';
import type { TaskQueue } from './task-queue';
import type { TaskStore } from './task-store';

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

/**
 * Creates tasks: the row first (so it exists even if the wake-up is lost), then one message
 * whose group is the task's first exclusive resource, so work on one resource is delivered in
 * order. Tasks with only shared resources get a group of their own: Postgres decides anyway.
 */
export class TaskCreator {
  constructor(
    private readonly store: TaskStore,
    private readonly queue: TaskQueue,
  ) {}

  /** Records the task, `waiting`; nobody is told yet. */
  async insert(request: DispatchRequest): Promise<Task> {
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
      // The user being served (an API request, or the task dispatching a child) owns it.
      userId: currentPrincipal()?.userId ?? null,
    });
    await objectCreated(`prn:core.task:${task.id}`);
    return task;
  }

  /** Tells a worker the task exists. */
  wake(task: Task): Promise<void> {
    return this.queue.wake(task);
  }

  /** Records the task and wakes a worker (child tasks, tasks of a group). */
  async create(request: DispatchRequest): Promise<Task> {
    const task = await this.insert(request);
    await this.wake(task);
    return task;
  }
}
