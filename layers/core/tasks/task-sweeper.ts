import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logger';
import type { WorkerRegistry } from '../workers/worker-registry';
import type { DeadLetterQueue } from './dead-letter-queue';
import type { Task } from './task';
import type { TaskCreator } from './task-creator';
import type { TaskQueue } from './task-queue';
import type { TaskRunner } from './task-runner';
import type { TaskScheduler } from './task-scheduler';
import type { AbandonedTask, TaskStore } from './task-store';

export interface SweepOptions {
  /** Seconds past an invocation's deadline before its task counts as abandoned. */
  deadlineGraceSeconds: number;
  /** A running task's lease lasts this long unrenewed (Pulp's WORKER_TTL). */
  leaseSeconds: number;
  /**
   * How long an expired lease is watched, with the database reachable, before its task is
   * failed: long enough for the invocation to renew after a stall that held both of them.
   */
  leaseConfirmSeconds: number;
  /** A task first in line that nobody started for this long is stuck and gets a fresh wake-up. */
  staleSeconds: number;
  /** Worker records not seen this long are removed. */
  forgetWorkersAfterSeconds: number;
}

export interface SweepReport {
  /** Tasks failed (or canceled) because their invocation died. */
  failed: string[];
  /** Stuck tasks woken again. */
  rewoken: string[];
  /** Resources (message groups) whose first task was stuck. */
  stuckGroups: string[];
  /** Tasks failed because their message reached the dead-letter queue. */
  deadLettered: string[];
  /** Tasks dispatched by due schedules. */
  scheduled: string[];
  workersRemoved: number;
}

export interface SweeperPorts {
  store: TaskStore;
  queue: TaskQueue;
  creator: TaskCreator;
  runner: TaskRunner;
  workers: WorkerRegistry;
  logger: Logger;
  /** Absent where no DLQ is configured. */
  deadLetters?: DeadLetterQueue;
  scheduler?: TaskScheduler;
}

/** Dead letters handled per sweep at most, so one sweep stays well inside its time limit. */
const DEAD_LETTER_BATCHES = 20;
const STUCK_LIMIT = 500;

/**
 * The periodic safety net (EventBridge every minute in AWS; a timer locally): fails tasks
 * whose invocation died and releases their reservations, re-wakes tasks nothing is moving,
 * drains the dead-letter queue (failing those tasks with a reason), fires due task schedules,
 * and forgets workers that are gone. Everything it does is idempotent, and several sweepers
 * may run at once.
 */
export class TaskSweeper {
  private sweeping: Promise<SweepReport> | undefined;

  constructor(private readonly ports: SweeperPorts) {}

  /** One sweep at a time per process: a timer firing during a long sweep joins it. */
  sweep(options: SweepOptions): Promise<SweepReport> {
    this.sweeping ??= this.sweepOnce(options).finally(() => {
      this.sweeping = undefined;
    });
    return this.sweeping;
  }

  private async sweepOnce(options: SweepOptions): Promise<SweepReport> {
    const failed = await this.failAbandoned(options);
    const { rewoken, stuckGroups } = await this.rewakeStuck(options);
    const deadLettered = await this.drainDeadLetters();
    const scheduled = ((await this.ports.scheduler?.tick()) ?? []).map((t) => t.id);
    const workersRemoved = await this.ports.workers.removeMissing(options.forgetWorkersAfterSeconds);
    const report = { failed, rewoken, stuckGroups, deadLettered, scheduled, workersRemoved };
    if (failed.length || rewoken.length || deadLettered.length || scheduled.length || workersRemoved) {
      this.ports.logger.info('Sweep', {
        failed: failed.length,
        rewoken: rewoken.length,
        stuckGroups,
        deadLettered: deadLettered.length,
        scheduled: scheduled.length,
        workersRemoved,
      });
    }
    return report;
  }

  /**
   * Past its deadline an invocation cannot be running (Lambda has stopped it). An expired
   * lease is only a suspicion: a stall of the database stops renewals too. So the lease is
   * watched for `leaseConfirmSeconds` more while this sweeper can reach the database, and the
   * task is failed only if its invocation did not renew it meanwhile.
   */
  private async failAbandoned(options: SweepOptions): Promise<string[]> {
    const found = await this.ports.store.findAbandoned(options.deadlineGraceSeconds, options.leaseSeconds);
    const certain = found.filter((a) => a.cause === 'deadline');
    const suspects = new Set(found.filter((a) => a.cause === 'lease').map((a) => a.task.id));
    if (suspects.size) {
      await sleep(options.leaseConfirmSeconds * 1000);
      const again = await this.ports.store.findAbandoned(options.deadlineGraceSeconds, options.leaseSeconds);
      certain.push(...again.filter((a) => suspects.has(a.task.id) || a.cause === 'deadline'));
    }
    const failed = new Set<string>();
    for (const abandoned of certain) {
      if (failed.has(abandoned.task.id)) continue;
      await this.ports.runner.finishAbandoned(abandoned.task.id, abandonedOutcome(abandoned));
      failed.add(abandoned.task.id);
    }
    return [...failed];
  }

  /**
   * A task first in line for its resources that nobody started lost its wake-up (a send that
   * failed or timed out) or waits behind a message stuck in its group: it is woken again
   * through a group of its own. Suspended tasks get their continuation again.
   */
  private async rewakeStuck(options: SweepOptions): Promise<{ rewoken: string[]; stuckGroups: string[] }> {
    const rewoken: string[] = [];
    const groups = new Set<string>();
    // One re-wake per task per period: dedup ids are remembered five minutes.
    const period = Math.floor(Date.now() / 1000 / options.staleSeconds);
    for (const task of await this.ports.store.findStuck(options.staleSeconds, STUCK_LIMIT)) {
      if (task.state === 'waiting') {
        await this.ports.creator.wake({ id: task.id, messageGroup: `rescue:${task.id}` }, `${task.id}.sweep.${period}`);
        groups.add(task.messageGroup);
      } else {
        await this.ports.queue.resume({ id: task.id, attempts: task.attempts }).catch((err: unknown) =>
          this.ports.logger.warn('Could not re-send a continuation', { taskId: task.id, error: String(err) }),
        );
      }
      rewoken.push(task.id);
    }
    if (groups.size) this.ports.logger.warn('Stuck task groups', { groups: [...groups] });
    return { rewoken, stuckGroups: [...groups] };
  }

  /**
   * A message in the DLQ failed every delivery: its task is failed with a reason (unless it
   * already finished) and the message is deleted, so the DLQ alarm means "a task died now"
   * rather than staying red for the queue's 14-day retention.
   */
  private async drainDeadLetters(): Promise<string[]> {
    const { deadLetters, store, runner, logger } = this.ports;
    if (!deadLetters) return [];
    const failed: string[] = [];
    for (let batch = 0; batch < DEAD_LETTER_BATCHES; batch++) {
      const letters = await deadLetters.receive(10);
      if (!letters.length) break;
      for (const letter of letters) {
        const task: Task | undefined = letter.taskId ? await store.get(letter.taskId) : undefined;
        if (!task) {
          logger.warn('Dead-lettered message names no task; deleted', { taskId: letter.taskId });
          continue;
        }
        // A running task may be alive (a rescue wake-up started it): its lease decides, not this letter.
        if (task.state !== 'waiting') continue;
        await runner.finishAbandoned(task.id, {
          state: 'failed',
          error: {
            reason: 'The task could not be run: every delivery of its message failed, and the message was moved to the dead-letter queue.',
          },
        });
        failed.push(task.id);
      }
      await deadLetters.remove(letters);
    }
    return failed;
  }
}

function abandonedOutcome({ task, cause }: AbandonedTask) {
  const why = cause === 'deadline' ? 'ran past its deadline' : 'stopped renewing its lease';
  if (task.state === 'canceling') {
    return { state: 'canceled' as const, error: { reason: `Task was canceled; the worker running it has gone missing (it ${why}).` } };
  }
  return {
    state: 'failed' as const,
    error: { reason: `Worker has gone missing: the invocation running this task on ${task.workerName ?? 'a worker'} ${why} before it finished.` },
  };
}
