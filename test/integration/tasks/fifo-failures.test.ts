import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaskCreator } from '../../../layers/core/tasks/task-creator';
import type { SweepOptions } from '../../../layers/core/tasks/task-sweeper';
import { TaskHarness } from '../../support/task-harness';
import { waitFor } from '../../support/wait-for';

// Like AWS (6 x the worker timeout): without the worker shortening it, a failed delivery
// would come back after an hour.
const HOUR = 3600;
const SWEEP: SweepOptions = { deadlineGraceSeconds: 60, leaseSeconds: 30, leaseConfirmSeconds: 1, staleSeconds: 600, forgetWorkersAfterSeconds: 600 };

/** Holds the task's row locked, as a stuck transaction would: every start of the task fails meanwhile. */
async function lockRow(url: string, taskId: string): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  await client.query('BEGIN');
  await client.query('SELECT id FROM tasks WHERE id = $1 FOR UPDATE', [taskId]);
  return {
    release: async () => {
      await client.query('COMMIT');
      await client.end();
    },
  };
}

/** Waits until someone waits for the row lock, then until they gave up (their delivery failed). */
async function oneStartFailed(harness: TaskHarness): Promise<void> {
  const waiting = async () =>
    (await harness.main.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND locktype IN ('transactionid', 'tuple')`)).rows[0]!.n;
  await waitFor(async () => ((await waiting()) > 0 ? true : undefined), { timeoutMs: 30_000, what: 'a worker to wait for the row' });
  await waitFor(async () => ((await waiting()) === 0 ? true : undefined), { timeoutMs: 30_000, what: 'the worker to give up' });
}

// Bounded by the waits inside each test (up to 180 s on a busy machine), not by the 60 s default.
describe('FIFO task messages after a failed delivery', { timeout: 240_000 }, () => {
  let harness: TaskHarness;
  let creator: TaskCreator;

  beforeAll(async () => {
    harness = await TaskHarness.start('fifo-failures', {
      queue: { visibilityTimeoutSeconds: HOUR, maxReceiveCount: 3 },
      // A statement stuck on a lock fails after 2 s (a transaction after 4 s).
      database: { queryTimeoutMs: 2_000 },
    });
    creator = new TaskCreator(harness.main.taskStore, harness.main.taskQueue);
    harness.startWorkers(2);
  });

  afterAll(async () => {
    await harness?.stop();
  });

  it('retries a task whose first delivery failed within a minute, not after the visibility timeout', async () => {
    // Prepare: the task exists and its row is held, so the first delivery cannot start it.
    const task = await creator.insert({ name: 'test.noop', exclusiveResources: ['prn:test.repo:retry'] });
    const lock = await lockRow(harness.db.url, task.id);
    await harness.main.taskQueue.wake(task);
    await oneStartFailed(harness);
    expect((await harness.main.taskStore.get(task.id))?.state).toBe('waiting');

    // Act
    await lock.release();

    // Assess: the next delivery comes after the backoff (10 s), far inside the hour.
    const done = await waitFor(async () => {
      const current = await harness.main.taskStore.get(task.id);
      return current?.state === 'completed' ? current : undefined;
    }, { timeoutMs: 60_000, what: 'the retried task to complete' });
    expect(done.attempts).toBe(1);
  });

  it('dead-letters a message that fails every delivery within minutes, and the sweeper fails its task and drains the DLQ', async () => {
    // Prepare: the row stays held through every delivery, even the last one's attempt to fail it.
    harness.main.config.taskRetryBaseSeconds = 1;
    const task = await creator.insert({ name: 'test.noop', exclusiveResources: ['prn:test.repo:poison'] });
    const lock = await lockRow(harness.db.url, task.id);
    await harness.main.taskQueue.wake(task);
    const dlqDepth = async () =>
      Number(
        (await harness.main.sqs.send(new GetQueueAttributesCommand({ QueueUrl: harness.aws.taskDlqUrl, AttributeNames: ['ApproximateNumberOfMessages'] })))
          .Attributes?.ApproximateNumberOfMessages,
      );
    await waitFor(async () => ((await dlqDepth()) > 0 ? true : undefined), { timeoutMs: 180_000, intervalMs: 500, what: 'the message to reach the DLQ' });
    await lock.release();
    expect((await harness.main.taskStore.get(task.id))?.state).toBe('waiting');

    // Act
    const report = await harness.main.sweeper.sweep(SWEEP);

    // Assess
    expect(report.deadLettered).toEqual([task.id]);
    const failed = await harness.main.taskStore.get(task.id);
    expect(failed?.state).toBe('failed');
    expect(failed?.error?.reason).toMatch(/dead-letter queue/);
    expect(await dlqDepth()).toBe(0);
  });
});
