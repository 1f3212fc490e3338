import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../layers/app/app';
import { orphanCleanupTask, purgeTask } from '../../../layers/core/tasks/core-tasks';
import { TaskCreator } from '../../../layers/core/tasks/task-creator';
import type { TaskSchedule } from '../../../layers/core/tasks/task-schedule';
import type { SweepOptions } from '../../../layers/core/tasks/task-sweeper';
import { installedPlugins } from '../../../layers/plugins';
import { logger } from '../../../functions/shared/powertools';
import { get } from '../../support/file-api';
import { waitForTask } from '../../support/tasks';
import { startTestStack, type TestStack } from '../../support/test-stack';

const SWEEP: SweepOptions = { deadlineGraceSeconds: 60, leaseSeconds: 30, leaseConfirmSeconds: 1, staleSeconds: 600, forgetWorkersAfterSeconds: 600 };
const SWEEPERS = 4;

describe('task schedules', () => {
  let stack: TestStack;
  /** Other processes on the same database and queues, each with its own sweeper. */
  const others: App[] = [];

  beforeAll(async () => {
    // The stack's own sweeper timer stays out of the way: the test sweeps.
    stack = await startTestStack('task-schedules', { workers: 2, sweepIntervalMs: 3_600_000 });
    for (let i = 1; i < SWEEPERS; i++) others.push(createApp(stack.config, installedPlugins, logger));
  });

  afterAll(async () => {
    await Promise.all(others.map((a) => a.close()));
    await stack?.stop();
  });

  const dueNow = (taskName: string) =>
    stack.app.db.query(`UPDATE task_schedules SET next_dispatch = clock_timestamp() - interval '1 second' WHERE task_name = $1`, [taskName]);
  const tasksNamed = async (name: string) => (await get(stack, `/pulp/api/v3/tasks/?name=${name}`)).results as Array<Record<string, any>>;

  it('lists the orphan cleanup and purge schedules as Pulp does', async () => {
    // Act
    const list = await get(stack, '/pulp/api/v3/task-schedules/');
    const one = await get(stack, (list.results[0] as { pulp_href: string }).pulp_href);
    const filtered = await get(stack, `/pulp/api/v3/task-schedules/?task_name=${purgeTask.name}`);

    // Assess
    expect((list.results as Array<{ task_name: string }>).map((s) => s.task_name).sort()).toEqual([orphanCleanupTask.name, purgeTask.name].sort());
    expect(Object.keys(one).sort()).toEqual(['dispatch_interval', 'last_task', 'name', 'next_dispatch', 'prn', 'pulp_created', 'pulp_href', 'pulp_last_updated', 'task_name']);
    expect(one.dispatch_interval).toBe('1 00:00:00');
    expect(filtered.count).toBe(1);
  });

  it('dispatches exactly one task per tick however many sweepers run at once, and moves the next dispatch a whole interval on', async () => {
    // Prepare
    await dueNow(orphanCleanupTask.name);
    const before = Date.now();

    // Act: every sweeper at once (a second call in one process joins the sweep under way).
    const reports = await Promise.all([stack.app, ...others, stack.app, ...others].map((app) => app.sweeper.sweep(SWEEP)));

    // Assess
    expect(new Set(reports.flatMap((r) => r.scheduled)).size).toBe(1);
    const tasks = await tasksNamed(orphanCleanupTask.name);
    expect(tasks).toHaveLength(1);
    expect((await waitForTask(stack, tasks[0]!.pulp_href)).state).toBe('completed');
    const schedule = ((await get(stack, `/pulp/api/v3/task-schedules/?task_name=${orphanCleanupTask.name}`)).results as Array<Record<string, string>>)[0]!;
    expect(schedule.last_task).toBe(tasks[0]!.pulp_href);
    expect(Date.parse(schedule.next_dispatch!)).toBeGreaterThan(before + 23 * 3_600_000);
  });

  it('claims a due schedule in exactly one of many concurrent transactions', async () => {
    // Prepare
    await dueNow(orphanCleanupTask.name);
    const creator = new TaskCreator(stack.app.taskStore, stack.app.taskQueue);
    const claimers = [stack.app, ...others, ...others];
    // Whoever got the schedule waits inside its transaction until every claimer got it too
    // (or a second passed): without the row claim they all would.
    let arrived = 0;
    let release!: () => void;
    const everyone = new Promise<void>((resolve) => (release = resolve));
    const build = async (schedule: TaskSchedule) => {
      if (++arrived === claimers.length) release();
      await Promise.race([everyone, new Promise((resolve) => setTimeout(resolve, 1_000))]);
      return creator.prepare({ name: schedule.taskName, args: { protectionMinutes: 1440 } });
    };

    // Act: the claims race each other, each in its own process's pool.
    const claims = await Promise.all(claimers.map((app) => app.taskSchedules.claimDue(build)));

    // Assess
    expect(claims.flat()).toHaveLength(1);
  });

  it('does not dispatch again while the last task of the schedule is unfinished', async () => {
    // Prepare: the purge schedule fires once; then its task looks unfinished again.
    await dueNow(purgeTask.name);
    await Promise.all([stack.app, ...others].map((app) => app.sweeper.sweep(SWEEP)));
    const [first] = await tasksNamed(purgeTask.name);
    await waitForTask(stack, first!.pulp_href);
    await stack.app.db.query(`UPDATE tasks SET state = 'running' WHERE id = $1`, [first!.pulp_href.split('/').at(-2)]);
    await dueNow(purgeTask.name);

    // Act
    const reports = await Promise.all([stack.app, ...others].map((app) => app.sweeper.sweep(SWEEP)));

    // Assess
    expect(reports.flatMap((r) => r.scheduled)).toEqual([]);
    expect(await tasksNamed(purgeTask.name)).toHaveLength(1);
  });
});
