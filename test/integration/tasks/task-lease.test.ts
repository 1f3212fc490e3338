import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaskCreator } from '../../../layers/core/tasks/task-creator';
import type { SweepOptions } from '../../../layers/core/tasks/task-sweeper';
import { TaskHarness } from '../../support/task-harness';
import { waitFor } from '../../support/wait-for';

const LEASE_SECONDS = 3;
const SWEEP: SweepOptions = {
  deadlineGraceSeconds: 60,
  leaseSeconds: LEASE_SECONDS,
  leaseConfirmSeconds: 2,
  staleSeconds: 600,
  forgetWorkersAfterSeconds: 600,
};

describe('task leases', () => {
  let harness: TaskHarness;

  beforeAll(async () => {
    harness = await TaskHarness.start('task-lease', { config: { workerTtlSeconds: LEASE_SECONDS } });
    harness.startWorkers(2);
  });

  afterAll(async () => {
    await harness?.stop();
  });

  const expire = (id: string) => harness.main.db.query(`UPDATE tasks SET heartbeat_at = clock_timestamp() - interval '1 hour' WHERE id = $1`, [id]);

  it('does not fail a task whose invocation is alive although its lease looked expired (renewals missed in a stall)', async () => {
    // Prepare: a running task; its lease looks long expired, as after a stall.
    const task = await harness.main.dispatcher.dispatch({ name: 'test.sleep', args: { ms: 8_000 }, exclusiveResources: ['prn:test.repo:alive'] });
    await waitFor(async () => ((await harness.main.taskStore.get(task.id))?.state === 'running' ? true : undefined), { what: 'the task to start' });
    await expire(task.id);

    // Act
    const report = await harness.main.sweeper.sweep(SWEEP);

    // Assess
    expect(report.failed).not.toContain(task.id);
    const done = await waitFor(async () => {
      const current = await harness.main.taskStore.get(task.id);
      return current && ['completed', 'failed'].includes(current.state) ? current : undefined;
    }, { what: 'the task to finish' });
    expect(done.state).toBe('completed');
  });

  it('fails a running task nobody renews, with a reason, and runs the task waiting behind it', async () => {
    // Prepare: a task marked running by an invocation that no longer exists.
    const creator = new TaskCreator(harness.main.taskStore, harness.main.taskQueue);
    const orphan = await creator.insert({ name: 'test.noop', exclusiveResources: ['prn:test.repo:dead'] });
    await harness.main.taskStore.tryStart(orphan.id, 'vanished-worker', new Date(Date.now() + 600_000));
    await expire(orphan.id);
    const next = await harness.main.dispatcher.dispatch({ name: 'test.noop', exclusiveResources: ['prn:test.repo:dead'] });

    // Act
    const report = await harness.main.sweeper.sweep(SWEEP);

    // Assess
    expect(report.failed).toEqual([orphan.id]);
    const failed = await harness.main.taskStore.get(orphan.id);
    expect(failed?.state).toBe('failed');
    expect(failed?.error?.reason).toMatch(/gone missing.*lease/);
    await waitFor(async () => ((await harness.main.taskStore.get(next.id))?.state === 'completed' ? true : undefined), { what: 'the next task' });
  });
});
