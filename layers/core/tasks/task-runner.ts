import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { withPrincipal, type PrincipalScope } from '../access/principal';
import { BackendUnavailable } from '../backend-unavailable';
import type { Logger } from '../logger';
import { remainingBudgetMs } from '../time-budget';
import { isFinal, type Task } from './task';
import type { TaskQueue } from './task-queue';
import type { TaskRegistry } from './task-registry';
import { TaskCanceled, TaskDeadlineExceeded, TaskLost, TaskSuspended } from './task-signals';
import type { Outcome, TaskStore } from './task-store';
import type { TaskCreator } from './task-creator';
import { sanitizeTaskError, taskErrorFrom } from './task-error';
import { TaskLease } from './task-lease';
import { runInTaskScope } from './task-scope';
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

export interface TaskRunnerOptions {
  maxReceiveCount: number;
  logger: Logger;
  /** A running task's lease lasts this long unrenewed (Pulp's WORKER_TTL); it is renewed every third of it. */
  leaseSeconds?: number;
  /**
   * After a cancel or the deadline, how long a task function may take to stop before the
   * runner records the outcome without it and frees the worker.
   */
  stopGraceMs?: number;
  /** Who the task acts as (its dispatching user): creation hooks and child tasks see them. */
  actingAs?: (task: Task) => Promise<PrincipalScope | undefined>;
}

const DEFAULT_LEASE_SECONDS = 30;
const DEFAULT_STOP_GRACE_MS = 2_000;
/** Recording an outcome is retried this long through a database stall before the invocation gives up. */
const RECORD_RETRY_MS = 20_000;

/**
 * Waits for `work`, or, once `signal` aborts, at most `graceMs` more before rejecting with the
 * abort reason: a task function that ignores the signal cannot hold the worker.
 */
async function untilAborted<T>(work: Promise<T>, signal: AbortSignal, graceMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    onAbort = () => {
      timer = setTimeout(() => reject(signal.reason), graceMs);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  // The abandoned function may still fail later: that failure is no longer anyone's.
  work.catch(() => undefined);
  try {
    return await Promise.race([work, stopped]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

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
    /** Child tasks are created through it (never run inline), and wake-ups are sent through it. */
    private readonly creator: TaskCreator,
    private readonly options: TaskRunnerOptions,
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
    // Aborted by a cancel, by the deadline, or by the task being finished elsewhere; every
    // remote fetch the task makes listens to it (task-scope).
    const controller = new AbortController();
    // Every concurrent download of a sync listens to it.
    setMaxListeners(0, controller.signal);
    const budgetMs = Math.max(0, invocation.remainingTimeMs());
    const deadline = setTimeout(() => controller.abort(new TaskDeadlineExceeded(budgetMs)), budgetMs);
    const lease = new TaskLease(this.store, task.id, ((this.options.leaseSeconds ?? DEFAULT_LEASE_SECONDS) * 1000) / 3, controller).start();
    const context = new RunningTaskContext(
      this.store,
      task,
      () => invocation.remainingTimeMs(),
      (request) => this.creator.create(request),
      controller.signal,
    );
    let outcome: Outcome;
    try {
      const fn = this.registry.get(task.name);
      if (!fn) throw new Error(`No task function is registered as ${task.name}`);
      const actingAs = await this.options.actingAs?.(task);
      const running = runInTaskScope(controller.signal, () => withPrincipal(actingAs, () => fn(context, task.args)));
      const result = await untilAborted(running, controller.signal, this.options.stopGraceMs ?? DEFAULT_STOP_GRACE_MS);
      outcome = { state: 'completed', result: result ?? null };
    } catch (err) {
      if (err instanceof TaskSuspended && !controller.signal.aborted) {
        lease.stop();
        await context.flush();
        await this.store.suspend(task.id, err.checkpoint);
        await this.queue.resume({ id: task.id, attempts: task.attempts });
        return 'suspended';
      }
      outcome = await this.failure(task, err, controller.signal);
    } finally {
      clearTimeout(deadline);
      lease.stop();
    }
    // Held-back progress is cosmetic: losing it must not keep the outcome from being recorded.
    await context.flush().catch((err: unknown) =>
      this.options.logger.warn('Could not write the last progress reports', { taskId: task.id, error: String(err) }),
    );
    await this.record(task.id, outcome);
    return outcome.state;
  }

  /** A throw after a cancel request is the cancel taking effect, not a failure. */
  private async failure(task: Task, err: unknown, signal: AbortSignal): Promise<Outcome> {
    const cause = signal.aborted ? signal.reason : err;
    // A database stall must not turn a cancel into a failure, nor lose the task's own error.
    const current = await this.store.get(task.id).catch(() => undefined);
    if (cause instanceof TaskCanceled || err instanceof TaskCanceled || current?.state === 'canceling') {
      return { state: 'canceled', error: { reason: 'Task was canceled while running.' } };
    }
    if (cause instanceof TaskDeadlineExceeded || cause instanceof TaskLost) {
      this.options.logger.warn('Task stopped', { taskId: task.id, name: task.name, reason: cause.message });
      return { state: 'failed', error: { description: cause.message, traceback: '' } };
    }
    const error = taskErrorFrom(err);
    this.options.logger.warn('Task failed', { taskId: task.id, name: task.name, error: error.description });
    return { state: 'failed', error };
  }

  /**
   * Records a task's own outcome, retrying through a short database stall: the work is done
   * (or has failed for a reason), and losing that would leave the sweeper to fail the task
   * for a reason that is not the real one.
   */
  private async record(taskId: string, outcome: Outcome): Promise<void> {
    // Inside an API request (an immediate task) the request's own budget bounds the retries.
    const giveUpAt = Date.now() + Math.min(RECORD_RETRY_MS, remainingBudgetMs() ?? RECORD_RETRY_MS);
    for (let attempt = 0; ; attempt++) {
      try {
        await this.finishAndWake(taskId, outcome);
        return;
      } catch (err) {
        if (!(err instanceof BackendUnavailable) || Date.now() >= giveUpAt) throw err;
        await sleep(Math.min(4_000, 250 * 2 ** attempt));
      }
    }
  }

  /** Records the outcome (errors made safe to store) and wakes the tasks the finished one was blocking. */
  async finishAndWake(taskId: string, outcome: Outcome): Promise<Task> {
    const { task, toWake } = await this.store.finish(taskId, safe(outcome));
    await this.wakeAll(toWake, taskId);
    return task;
  }

  /**
   * Finishes a task whose invocation died. Its SQS message may still be in flight, holding its
   * group, so every task it blocked is woken through a group of its own instead; Postgres
   * still decides who runs.
   */
  async finishAbandoned(taskId: string, outcome: Outcome): Promise<Task> {
    const { task, toWake } = await this.store.finish(taskId, safe(outcome), { includeUndeferred: true });
    for (const waiting of toWake) await this.creator.wake({ id: waiting.id, messageGroup: `rescue:${waiting.id}` }, `${waiting.id}.${taskId}`);
    return task;
  }

  /** One wake-up per task, each bounded; a lost one is the sweeper's to repeat. */
  async wakeAll(tasks: Task[], cause: string): Promise<void> {
    for (const waiting of tasks) await this.creator.wake(waiting, `${waiting.id}.${cause}`);
  }
}

function safe(outcome: Outcome): Outcome {
  return outcome.state === 'completed' ? outcome : { ...outcome, error: sanitizeTaskError(outcome.error) };
}
