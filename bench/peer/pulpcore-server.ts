import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { PEER_DB_USER, startCluster, type Cluster } from './postgres-cluster';
import { answers, spawnGroup, waitReady, type GroupProcess } from './process-group';

const run = promisify(execFile);

/** Hands out `count` ports that are free now. */
export type PortPicker = (count: number) => Promise<number[]>;

export interface RunningServer {
  /** Where the REST API answers (http://host:port). */
  apiUrl: string;
  /** The roots of its process tree, for CPU accounting. */
  pids(): number[];
  stop(): Promise<void>;
}

export const PULPCORE_PASSWORD = 'bench';
const WORKERS = 2;
/** Tries at starting the web servers: another process may take a picked port meanwhile. */
const START_ATTEMPTS = 3;

interface Ports {
  api: number;
  content: number;
  postgres: number;
}

function settings(dir: string, ports: Ports, secretKey: string): string {
  const py = (value: string) => JSON.stringify(value);
  return [
    `SECRET_KEY = ${py(secretKey)}`,
    `CONTENT_ORIGIN = ${py(`http://127.0.0.1:${ports.content}`)}`,
    `DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": ${py(PEER_DB_USER)}, "USER": ${py(PEER_DB_USER)}, "HOST": "127.0.0.1", "PORT": ${ports.postgres}}}`,
    `MEDIA_ROOT = ${py(path.join(dir, 'media'))}`,
    `WORKING_DIRECTORY = ${py(path.join(dir, 'work'))}`,
    `FILE_UPLOAD_TEMP_DIR = ${py(path.join(dir, 'upload-tmp'))}`,
    `STATIC_ROOT = ${py(path.join(dir, 'static'))}`,
    `DB_ENCRYPTION_KEY = ${py(path.join(dir, 'db.key'))}`,
    // No Redis here: the content app's cache off; no telemetry from a benchmark.
    'CACHE_ENABLED = False',
    'ANALYTICS = False',
    '',
  ].join('\n');
}

/**
 * pulpcore as its installers run it: its own Postgres, `migrate`, an admin password, then the
 * API (gunicorn, 2 workers), the content app (2 workers) and 2 task workers, each in its own
 * process group on loopback ports. Everything lives under `dir`.
 */
export async function startPulpcore(venv: string, dir: string, pickPorts: PortPicker, log: (msg: string) => void): Promise<RunningServer> {
  for (const sub of ['media', 'work', 'upload-tmp', 'static', 'logs']) await mkdir(path.join(dir, sub), { recursive: true });
  // A Fernet key: 32 random bytes, URL-safe base64 with padding.
  await writeFile(path.join(dir, 'db.key'), `${randomBytes(32).toString('base64url')}=\n`, { mode: 0o600 });
  const secretKey = randomBytes(32).toString('hex');
  const settingsFile = path.join(dir, 'settings.py');
  const env = { ...process.env, PULP_SETTINGS: settingsFile, PATH: `${path.join(venv, 'bin')}:${process.env.PATH}` };
  const bin = (name: string) => path.join(venv, 'bin', name);
  const logFile = (name: string) => path.join(dir, 'logs', `${name}.log`);

  const [postgresPort] = await pickPorts(1);
  const cluster: Cluster = await startCluster(path.join(dir, 'postgres'), postgresPort!, log);
  const procs: GroupProcess[] = [];
  const stopProcs = async () => {
    for (const proc of procs.splice(0).reverse()) await proc.stop();
  };
  const stop = async () => {
    await stopProcs();
    await cluster.stop();
  };
  try {
    // The web ports are not known yet: migrate does not need them.
    await writeFile(settingsFile, settings(dir, { api: 0, content: 0, postgres: postgresPort! }, secretKey));
    log('pulpcore-manager migrate');
    const manager = (...args: string[]) => run(bin('pulpcore-manager'), args, { env, maxBuffer: 64 * 2 ** 20, timeout: 600_000 });
    await manager('migrate', '--noinput');
    await manager('reset-admin-password', '--password', PULPCORE_PASSWORD);
    for (let attempt = 1; ; attempt++) {
      const [api, content] = await pickPorts(2);
      await writeFile(settingsFile, settings(dir, { api: api!, content: content!, postgres: postgresPort! }, secretKey));
      procs.push(
        spawnGroup('pulpcore-api', bin('pulpcore-api'), ['--bind', `127.0.0.1:${api}`, '--workers', String(WORKERS)], { env, logFile: logFile('api') }),
        spawnGroup('pulpcore-content', bin('pulpcore-content'), ['--bind', `127.0.0.1:${content}`, '--workers', String(WORKERS)], { env, logFile: logFile('content') }),
      );
      for (let i = 0; i < WORKERS; i++) procs.push(spawnGroup(`pulpcore-worker-${i}`, bin('pulpcore-worker'), [], { env, logFile: logFile(`worker-${i}`) }));
      const apiUrl = `http://127.0.0.1:${api}`;
      try {
        await waitReady(procs[0]!, () => answers(`${apiUrl}/pulp/api/v3/status/`), 120_000);
        await waitReady(procs[1]!, () => answers(`http://127.0.0.1:${content}/pulp/content/`), 120_000);
        await waitReady(procs[2]!, () => workersOnline(apiUrl, WORKERS), 120_000);
      } catch (error) {
        await stopProcs();
        if (attempt === START_ATTEMPTS) throw error;
        log(`pulpcore did not start (${String(error)}); again on other ports`);
        continue;
      }
      log(`pulpcore up: API ${apiUrl}, content http://127.0.0.1:${content}`);
      return { apiUrl, pids: () => [cluster.process.pid, ...procs.map((p) => p.pid)], stop };
    }
  } catch (error) {
    await stop();
    throw error;
  }
}
/** The status endpoint lists the task workers that have checked in. */
async function workersOnline(apiUrl: string, count: number): Promise<boolean> {
  const res = await fetch(`${apiUrl}/pulp/api/v3/status/`);
  const status = (await res.json()) as { online_workers?: unknown[] };
  return (status.online_workers?.length ?? 0) >= count;
}
