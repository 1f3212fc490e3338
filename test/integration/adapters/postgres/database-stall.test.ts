import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../../../layers/adapters/postgres/database';
import { BackendUnavailable } from '../../../../layers/core/backend-unavailable';
import { withTimeBudget } from '../../../../layers/core/time-budget';
import { PausableProxy } from '../../../support/pausable-proxy';
import { createTestDatabase, type TestDatabase } from '../../../support/test-database';
import { waitFor } from '../../../support/wait-for';

const APP_NAME = 'stalled-writer';

describe('Database calls against a frozen server', () => {
  let testDb: TestDatabase;
  let proxy: PausableProxy;
  let direct: Database;
  let stalled: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase('database-stall');
    direct = new Database(new pg.Pool({ connectionString: testDb.url, max: 2 }));
    await direct.query('CREATE TABLE things (id int PRIMARY KEY)');
    const target = new URL(testDb.url);
    proxy = await new PausableProxy(target.hostname, Number(target.port)).start();
    const pool = new pg.Pool({ connectionString: proxy.via(testDb.url), max: 2, application_name: APP_NAME, idleTimeoutMillis: 500 });
    pool.on('error', () => undefined);
    stalled = new Database(pool, { queryTimeoutMs: 1_000, transactionTimeoutMs: 2_000 });
  });

  afterAll(async () => {
    proxy?.resume();
    await stalled?.close().catch(() => undefined);
    await direct?.close();
    await proxy?.stop();
    await testDb?.drop();
  });

  /** Until the server has read everything the frozen connections sent, and ended them. */
  const serverCaughtUp = () =>
    waitFor(
      async () => ((await direct.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [APP_NAME])).rows[0]!.n === 0 ? true : undefined),
      { what: 'the stalled connections to end' },
    );

  it.each([
    { what: 'a single write', call: () => stalled.query('INSERT INTO things VALUES (1)') },
    { what: 'a transaction', call: () => stalled.transaction((client) => client.query('INSERT INTO things VALUES (1)')) },
  ])('gives up on $what of a request with BackendUnavailable, and the write does not land after the thaw', async ({ call }) => {
    // Prepare: connections open before the freeze.
    await Promise.all([stalled.query('SELECT 1'), stalled.query('SELECT 1')]);
    proxy.pause();

    // Act
    const error = await withTimeBudget(1_500, call).catch((e: unknown) => e);
    proxy.resume();
    await serverCaughtUp();

    // Assess
    expect(error).toBeInstanceOf(BackendUnavailable);
    expect((await direct.query('SELECT id FROM things')).rows).toEqual([]);
  });

  it('gives up on a read at the end of the budget', async () => {
    // Prepare
    await stalled.query('SELECT 1');
    proxy.pause();

    // Act
    const error = await withTimeBudget(1_000, () => stalled.query('SELECT 1')).catch((e: unknown) => e);
    proxy.resume();

    // Assess
    expect(error).toBeInstanceOf(BackendUnavailable);
    await serverCaughtUp();
  });
});
