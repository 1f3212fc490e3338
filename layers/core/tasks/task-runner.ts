import type { Logger } from '../logger';
import { isFinal } from './task';
import type { TaskQueue } from './task-queue';
import type { TaskRegistry } from './task-registry';
import type { Outcome, TaskStore } from './task-store';
import { RunningTaskContext } from './running-task-context';

/** One delivery of a task's wake-up message to a worker. */
export interface Invocation {
  workerName: string;
  remainingTimeMs(): number;
  /** SQS ApproximateReceiveCount of the message. */
  receiveCount: number;
}

export type RunResult = 'completed' | 'failed' | 'blocked' | 'not-waiting' | 'poisoned';

/**
 * Runs a task for a wake-up message. Safe under at-least-once delivery: only a `waiting`
 * task is started, atomically, so a duplicate message finds it running or final and stops.
 */
export class TaskRunner {
  constructor(
    private readonly store: TaskStore,
    private readonly queue: TaskQueue,
    private readonly registry: TaskRegistry,
    private readonly options: { maxReceiveCount: number; logger: Logger },
  ) {}

  async handle(taskId: string, invocation: Invocation): Promise<RunResult> {
    const { logger } = this.options;
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
    const start = await this.store.tryStart(taskId, invocation.workerName, deadline);
    if (start.kind === 'blocked') {
      logger.info('Task blocked on a resource; it will be woken when the resource frees', { taskId });
      return 'blocked';
    }
    if (start.kind === 'not-waiting') return 'not-waiting';

    const { task } = start;
    const context = new RunningTaskContext(this.store, task, () => invocation.remainingTimeMs());
    let outcome: Outcome;
    try {
      const fn = this.registry.get(task.name);
      if (!fn) throw new Error(`No task function is registered as ${task.name}`);
      const result = await fn(context, task.args);
      outcome = { state: 'completed', result: result ?? null };
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      logger.warn('Task failed', { taskId, name: task.name, error: error.message });
      outcome = { state: 'failed', error: { description: error.message, traceback: error.stack ?? '' } };
    }
    await context.flush();
    await this.finishAndWake(task.id, outcome);
    return outcome.state === 'completed' ? 'completed' : 'failed';
  }

  private async finishAndWake(taskId: string, outcome: Outcome): Promise<void> {
    const { toWake } = await this.store.finish(taskId, outcome);
    for (const waiting of toWake) {
      await this.queue.wake(waiting, `${waiting.id}.${taskId}`);
    }
  }
}
