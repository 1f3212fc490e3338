import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { endPool, withErrorHandler } from '../../layers/adapters/postgres/pool';

export interface TestDatabase {
  /** Connection URL of the new, empty database. */
  url: string;
  /** A pool on the database (with the app's error handler), ended by drop(). */
  pool(options?: Omit<pg.PoolConfig, 'connectionString'>): pg.Pool;
  drop(): Promise<void>;
}

/** How long drop() lets sessions still closing go before it ends them itself. */
const SESSIONS_GONE_TIMEOUT_MS = 5_000;

/**
 * A fresh database on the run's shared cluster, so test files can run in parallel without
 * seeing each other's rows. Call drop() in afterAll.
 */
export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const adminUrl = inject('databaseAdminUrl');
  // Postgres identifiers stop at 63 bytes; the random tail keeps parallel files apart.
  const base = prefix.toLowerCase().replace(/[^a-z0-9_]+/g, '_').slice(0, 40);
  const name = `${base}_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));

  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const pools: pg.Pool[] = [];
  return {
    url: url.toString(),
    pool: (options = {}) => {
      const pool = withErrorHandler(new pg.Pool({ ...options, connectionString: url.toString() }));
      pools.push(pool);
      return pool;
    },
    drop: async () => {
      // Sessions are ended by their owners first: a session the server ends under a client
      // (57P01) reaches that client as an error, unhandled if nothing listens any more.
      await Promise.all(pools.splice(0).map((pool) => (pool.ending ? undefined : endPool(pool))));
      await withAdmin(adminUrl, async (client) => {
        await waitForNoSessions(client, name);
        // FORCE: a connection a test leaked must not make cleanup fail.
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      });
    },
  };
}

/** Waits, bounded, until no session is connected to `name` (ones closing need a moment). */
async function waitForNoSessions(client: pg.Client, name: string): Promise<void> {
  const deadline = Date.now() + SESSIONS_GONE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
    if (rows[0]!.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
