import { newId } from '../ids';
import type { Task } from './task';
import type { TaskQueue } from './task-queue';
import type { TaskStore } from './task-store';

export interface DispatchRequest {
  name: string;
  args?: Record<string, unknown>;
  exclusiveResources?: string[];
  sharedResources?: string[];
  loggingCid?: string;
  parentTaskId?: string | null;
  taskGroupId?: string | null;
}

/**
 * Creates a task: the row first (so it exists even if the wake-up is lost), then one message
 * whose group is the task's first exclusive resource, so work on one resource is delivered in
 * order. Tasks with only shared resources get a group of their own: Postgres decides anyway.
 */
export class TaskDispatcher {
  constructor(
    private readonly store: TaskStore,
    private readonly queue: TaskQueue,
  ) {}

  async dispatch(request: DispatchRequest): Promise<Task> {
    const id = newId();
    const exclusiveResources = [...new Set(request.exclusiveResources ?? [])];
    const task = await this.store.insert({
      id,
      name: request.name,
      args: request.args ?? {},
      loggingCid: request.loggingCid ?? '',
      exclusiveResources,
      sharedResources: [...new Set(request.sharedResources ?? [])].filter((r) => !exclusiveResources.includes(r)),
      messageGroup: exclusiveResources[0] ?? id,
      parentTaskId: request.parentTaskId ?? null,
      taskGroupId: request.taskGroupId ?? null,
    });
    await this.queue.wake(task);
    return task;
  }
}
