import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../layers/app/app';
import { runMaintenance } from '../../../layers/app/maintenance';
import { ACTIVE_WINDOW_MS, FULL_RUN_EVERY_MS } from '../../../layers/core/maintenance-gate';
import { installedPlugins } from '../../../layers/plugins';
import { sweepOptions } from '../../../functions/sweeper/options';
import { quiet } from '../../support/lambda-events';
import { startTestStack, type TestStack } from '../../support/test-stack';

const SWEEP = sweepOptions(30);

/**
 * The sweeper reads cheap signals first and touches Postgres only with a reason, so an idle
 * lean stack lets Aurora pause. Proved with an app whose database does not exist: any query
 * it made would throw.
 */
describe('maintenance leaves Postgres alone when nothing needs it', () => {
  let stack: TestStack;
  let noDatabase: App;

  beforeAll(async () => {
    stack = await startTestStack('maintenance-gate', { runWorkers: false, sweepIntervalMs: 3_600_000 });
    noDatabase = createApp({ ...stack.config, database: { ...stack.config.database, url: 'postgres://nobody:none@127.0.0.1:1/none' } }, installedPlugins, quiet);
  });

  afterAll(async () => {
    await noDatabase?.close();
    await stack?.stop();
  });

  it('runs the first time (the daily run), then stays idle without touching the database', async () => {
    // Prepare
    const now = Date.now();
    // Act
    const first = await runMaintenance(stack.app, SWEEP, { reconcileEveryMinutes: 15, now: new Date(now) });
    const idle = await runMaintenance(noDatabase, SWEEP, { reconcileEveryMinutes: 15, now: new Date(now + 60_000) });
    // Assess
    expect(first.ranBecause).toBe('the daily full run');
    expect(first.reconciled).toBeDefined();
    expect(idle.ranBecause).toBeUndefined();
  });

  it.each([
    {
      name: 'the API served requests recently',
      signal: (app: App, now: number) => app.signals.markActivity(now - ACTIVE_WINDOW_MS / 2),
    },
    {
      name: 'a task schedule is due',
      signal: (app: App, now: number) => app.signals.recordFullRun({ at: now - 60_000, nextScheduleAt: now - 1 }),
    },
    {
      name: 'the daily full run',
      signal: (app: App, now: number) => app.signals.recordFullRun({ at: now - FULL_RUN_EVERY_MS }),
    },
    {
      name: 'task messages are queued or in flight',
      signal: (app: App) =>
        app.sqs.send(new SendMessageCommand({ QueueUrl: app.config.taskQueueUrl, MessageBody: '{"taskId":"x"}', MessageGroupId: 'g', MessageDeduplicationId: `d-${Date.now()}` })),
    },
  ])('uses the database when $name', async ({ name, signal }) => {
    // Prepare: idle first (an old activity mark, a recent full run), then the signal
    const now = Date.now() + 2 * ACTIVE_WINDOW_MS;
    await stack.app.signals.markActivity(now - 2 * ACTIVE_WINDOW_MS);
    await stack.app.signals.recordFullRun({ at: now - 60_000 });
    await signal(stack.app, now);
    // Act: the app without a database has to reach for it now
    const outcome = await runMaintenance(noDatabase, SWEEP, { reconcileEveryMinutes: 15, now: new Date(now) }).then(
      (r) => `ran without a database: ${String(r.ranBecause)}`,
      () => 'reached for the database',
    );
    const reason = await runMaintenance(stack.app, SWEEP, { reconcileEveryMinutes: 15, now: new Date(now) });
    // Assess
    expect(outcome).toBe('reached for the database');
    expect(reason.ranBecause).toBe(name);
  });
});
