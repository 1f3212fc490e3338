import type { Logger } from '../logger';
import type { WorkerRegistry } from '../workers/worker-registry';
import type { TaskQueue } from './task-queue';
import type { TaskRunner } from './task-runner';
import type { TaskStore } from './task-store';

export interface SweepOptions {
  /** Seconds past an invocation's deadline before its task counts as abandoned. */
  deadlineGraceSeconds: number;
  /** Pulp's WORKER_TTL: a worker silent this long has gone missing. */
  workerTtlSeconds: number;
  /** Waiting or suspended tasks untouched this long get a fresh wake-up. */
  staleSeconds: number;
  /** Worker records not seen this long are removed. */
  forgetWorkersAfterSeconds: number;
}

export interface SweepReport {
  failed: string[];
  rewoken: string[];
  workersRemoved: number;
}

/**
 * The periodic safety net (EventBridge every minute in AWS; a timer locally): fails tasks
 * whose invocation died and releases their reservations, re-wakes tasks whose wake-up may
 * have been lost, and forgets workers that are gone. Everything it does is idempotent.
 */
export class TaskSweeper {
  constructor(
    private readonly store: TaskStore,
    private readonly queue: TaskQueue,
    private readonly runner: TaskRunner,
    private readonly workers: WorkerRegistry,
    private readonly logger: Logger,
  ) {}

  async sweep(options: SweepOptions): Promise<SweepReport> {
    const failed: string[] = [];
    for (const task of await this.store.findAbandoned(options.deadlineGraceSeconds, options.workerTtlSeconds)) {
      const reason =
        task.state === 'canceling'
          ? 'Task was canceled; the worker running it has gone missing.'
          : `Worker has gone missing: the invocation running this task on ${task.workerName ?? 'a worker'} stopped before it finished.`;
      const outcome = task.state === 'canceling' ? ('canceled' as const) : ('failed' as const);
      await this.runner.finishAbandoned(task.id, { state: outcome, error: { reason } });
      failed.push(task.id);
    }
    const rewoken: string[] = [];
    const bucket = Math.floor(Date.now() / 1000 / options.staleSeconds);
    for (const task of await this.store.findStale(options.staleSeconds, 500)) {
      if (task.state === 'waiting') await this.queue.wake(task, `${task.id}.sweep.${bucket}`);
      else await this.queue.resume({ id: task.id, attempts: task.attempts });
      rewoken.push(task.id);
    }
    const workersRemoved = await this.workers.removeMissing(options.forgetWorkersAfterSeconds);
    if (failed.length || rewoken.length || workersRemoved) {
      this.logger.info('Sweep', { failed: failed.length, rewoken: rewoken.length, workersRemoved });
    }
    return { failed, rewoken, workersRemoved };
  }
}
