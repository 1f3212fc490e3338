import { execFile } from 'node:child_process';
import { chmod, chown, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { spawnGroup, waitReady, type GroupProcess } from './process-group';

const run = promisify(execFile);
const BIN = '/usr/lib/postgresql/15/bin';
export const PEER_DB_USER = 'pulp';

export interface Cluster {
  process: GroupProcess;
  port: number;
  stop(): Promise<void>;
}

/** The `postgres` system user's ids: Postgres refuses to run as root. */
async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const id = async (flag: string) => Number.parseInt((await run('id', [flag, 'postgres'])).stdout, 10);
  return { uid: await id('-u'), gid: await id('-g') };
}

/**
 * pulpcore's own PostgreSQL 15 cluster (Debian's binaries) in `dir`: initdb, then the
 * postmaster in the foreground of its own process group (so its CPU is counted in its tree),
 * loopback TCP only, trust auth for the `pulp` superuser, and a `pulp` database.
 */
export async function startCluster(dir: string, port: number, log: (msg: string) => void): Promise<Cluster> {
  const ids = await postgresIds();
  const data = path.join(dir, 'data');
  await mkdir(dir, { recursive: true });
  await chown(dir, ids.uid, ids.gid);
  await chmod(dir, 0o755);
  log(`initdb ${data}`);
  await run(path.join(BIN, 'initdb'), ['-D', data, '-U', PEER_DB_USER, '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8'], {
    uid: ids.uid,
    gid: ids.gid,
    cwd: dir,
  });
  const proc = spawnGroup(
    'postgres (pulpcore)',
    path.join(BIN, 'postgres'),
    ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dir}`],
    { logFile: path.join(dir, 'server.log'), uid: ids.uid, gid: ids.gid, cwd: dir },
  );
  // SIGINT is Postgres's fast shutdown.
  const stop = () => proc.stop('SIGINT', 30_000);
  try {
    const url = (db: string) => `postgres://${PEER_DB_USER}@127.0.0.1:${port}/${db}`;
    await waitReady(proc, () => canConnect(url('postgres')), 60_000);
    const client = new pg.Client({ connectionString: url('postgres') });
    await client.connect();
    await client.query(`CREATE DATABASE ${PEER_DB_USER}`);
    await client.end();
  } catch (error) {
    await stop();
    throw error;
  }
  return { process: proc, port, stop };
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return true;
  } finally {
    await client.end().catch(() => undefined);
  }
}

