import { withPrincipal, type PrincipalScope } from '../access/principal';
import type { Logger } from '../logger';
import { isFinal, type Task } from './task';
import type { TaskQueue } from './task-queue';
import type { TaskRegistry } from './task-registry';
import { TaskCanceled, TaskSuspended } from './task-signals';
import type { Outcome, TaskStore } from './task-store';
import type { TaskCreator } from './task-creator';
import { RunningTaskContext } from './running-task-context';

/** One delivery of a task's wake-up message to a worker. */
export interface Invocation {
  workerName: string;
  remainingTimeMs(): number;
  /** SQS ApproximateReceiveCount of the message. */
  receiveCount: number;
  /** A continuation of a suspended task. */
  resume?: boolean;
}

export type RunResult = 'completed' | 'failed' | 'canceled' | 'suspended' | 'blocked' | 'not-waiting' | 'poisoned';

/**
 * Runs a task for a wake-up message. Safe under at-least-once delivery: only a `waiting`
 * task is started (or a suspended one resumed), atomically, so a duplicate message finds it
 * running or final and stops.
 */
export class TaskRunner {
  constructor(
    private readonly store: TaskStore,
    private readonly queue: TaskQueue,
    private readonly registry: TaskRegistry,
    /** Child tasks are created through it (never run inline). */
    private readonly creator: TaskCreator,
    private readonly options: {
      maxReceiveCount: number;
      logger: Logger;
      /** Who the task acts as (its dispatching user): creation hooks and child tasks see them. */
      actingAs?: (task: Task) => Promise<PrincipalScope | undefined>;
    },
  ) {}

  async handle(taskId: string, invocation: Invocation): Promise<RunResult> {
    if (invocation.receiveCount >= this.options.maxReceiveCount) {
      // The last delivery before the DLQ: Postgres records the failure, the DLQ keeps the message.
      const task = await this.store.get(taskId);
      if (task && !isFinal(task.state)) {
        await this.finishAndWake(taskId, {
          state: 'failed',
          error: { reason: `The task message was received ${invocation.receiveCount} times without the task finishing.` },
        });
      }
      return 'poisoned';
    }
    const deadline = new Date(Date.now() + invocation.remainingTimeMs());
    let task: Task;
    if (invocation.resume) {
      const resumed = await this.store.resume(taskId, invocation.workerName, deadline);
      if (!resumed) return 'not-waiting';
      task = resumed;
    } else {
      const start = await this.store.tryStart(taskId, invocation.workerName, deadline);
      if (start.kind === 'blocked') {
        this.options.logger.info('Task blocked on a resource; it will be woken when the resource frees', { taskId });
        return 'blocked';
      }
      if (start.kind === 'not-waiting') return 'not-waiting';
      task = start.task;
    }
    return this.execute(task, invocation);
  }

  private async execute(task: Task, invocation: Invocation): Promise<RunResult> {
    const context = new RunningTaskContext(this.store, task, () => invocation.remainingTimeMs(), (request) => this.creator.create(request));
    let outcome: Outcome;
    try {
      const fn = this.registry.get(task.name);
      if (!fn) throw new Error(`No task function is registered as ${task.name}`);
      const actingAs = await this.options.actingAs?.(task);
      const result = await withPrincipal(actingAs, () => fn(context, task.args));
      outcome = { state: 'completed', result: result ?? null };
    } catch (err) {
      if (err instanceof TaskSuspended) {
        await context.flush();
        await this.store.suspend(task.id, err.checkpoint);
        await this.queue.resume({ id: task.id, attempts: task.attempts });
        return 'suspended';
      }
      outcome = await this.failure(task, err);
    }
    // Held-back progress is cosmetic: losing it must not keep the outcome from being recorded.
    await context.flush().catch((err: unknown) =>
      this.options.logger.warn('Could not write the last progress reports', { taskId: task.id, error: String(err) }),
    );
    await this.finishAndWake(task.id, outcome);
    return outcome.state;
  }

  /** A throw after a cancel request is the cancel taking effect, not a failure. */
  private async failure(task: Task, err: unknown): Promise<Outcome> {
    const current = await this.store.get(task.id);
    if (err instanceof TaskCanceled || current?.state === 'canceling') {
      return { state: 'canceled', error: { reason: 'Task was canceled while running.' } };
    }
    const error = err instanceof Error ? err : new Error(String(err));
    this.options.logger.warn('Task failed', { taskId: task.id, name: task.name, error: error.message });
    return { state: 'failed', error: { description: error.message, traceback: error.stack ?? '' } };
  }

  /** Records the outcome and wakes the deferred tasks the finished one was blocking. */
  async finishAndWake(taskId: string, outcome: Outcome): Promise<Task> {
    const { task, toWake } = await this.store.finish(taskId, outcome);
    await this.wakeAll(toWake, taskId);
    return task;
  }

  /**
   * Finishes a task whose invocation died. Its SQS message stays in flight until the
   * visibility timeout, holding its group, so every waiting task it blocked is woken through
   * a group of its own instead; Postgres still decides who runs.
   */
  async finishAbandoned(taskId: string, outcome: Outcome): Promise<Task> {
    const { task, toWake } = await this.store.finish(taskId, outcome, { includeUndeferred: true });
    for (const waiting of toWake) {
      await this.queue.wake({ id: waiting.id, messageGroup: `rescue:${waiting.id}` }, `${waiting.id}.${taskId}`);
    }
    return task;
  }

  async wakeAll(tasks: Task[], cause: string): Promise<void> {
    for (const waiting of tasks) await this.queue.wake(waiting, `${waiting.id}.${cause}`);
  }
}
