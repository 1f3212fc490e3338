import { currentPrincipal, objectCreated } from '../access/principal';
import { newId } from '../ids';
import type { Logger } from '../logger';
import { currentCorrelationId } from './correlation-scope';
import type { Task } from './task';
import type { TaskQueue } from './task-queue';
import type { NewTask, TaskStore } from './task-store';

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
 * The longest a wake-up may hold its caller (an API request, a finishing task). The row is the
 * commitment: a wake-up that fails or takes longer is sent again in the background a few
 * times (same deduplication id, so one that did arrive is not doubled), and past that the
 * sweeper re-wakes tasks first in line that nobody started.
 */
export const WAKE_BOUND_MS = 3_000;
const WAKE_RETRIES = 3;

/**
 * Creates tasks: the row first (so it exists even if the wake-up is lost), then one message
 * whose group is the task's first exclusive resource, so work on one resource is delivered in
 * order. Tasks with only shared resources get a group of their own: Postgres decides anyway.
 */
export class TaskCreator {
  constructor(
    private readonly store: TaskStore,
    private readonly queue: TaskQueue,
    private readonly logger?: Logger,
  ) {}

  /** Records the task, `waiting`; nobody is told yet. */
  async insert(request: DispatchRequest): Promise<Task> {
    const task = await this.store.insert(this.prepare(request));
    await objectCreated(`prn:core.task:${task.id}`);
    return task;
  }

  /** The row a request becomes (for stores that insert it inside a transaction of their own). */
  prepare(request: DispatchRequest): NewTask {
    const id = newId();
    const exclusiveResources = [...new Set(request.exclusiveResources ?? [])];
    return {
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
    };
  }

  /**
   * Tells a worker the task exists, within WAKE_BOUND_MS. Never throws: whether the message
   * went out is returned, and a task whose wake-up was lost is re-woken by the sweeper.
   */
  async wake(task: { id: string; messageGroup: string }, wakeId?: string): Promise<boolean> {
    if (await this.send(task, wakeId)) return true;
    this.retryLater(task, wakeId, 1);
    return false;
  }

  private async send(task: { id: string; messageGroup: string }, wakeId: string | undefined): Promise<boolean> {
    try {
      await this.queue.wake(task, wakeId, { signal: AbortSignal.timeout(WAKE_BOUND_MS) });
      return true;
    } catch (err) {
      this.logger?.warn('Could not send a task wake-up; it is retried, then left to the sweeper', {
        taskId: task.id,
        error: err instanceof Error ? err.message : String(err),
      });
      return false;
    }
  }

  /** Retries after 2, 4, 8 s without holding anyone; a process that stops meanwhile leaves it to the sweeper. */
  private retryLater(task: { id: string; messageGroup: string }, wakeId: string | undefined, attempt: number): void {
    if (attempt > WAKE_RETRIES) return;
    const timer = setTimeout(() => {
      void this.send(task, wakeId).then((sent) => sent || this.retryLater(task, wakeId, attempt + 1));
    }, 1_000 * 2 ** attempt);
    timer.unref?.();
  }

  /** Records the task and wakes a worker (child tasks, tasks of a group). */
  async create(request: DispatchRequest): Promise<Task> {
    const task = await this.insert(request);
    await this.wake(task);
    return task;
  }
}
