import { mkdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { StorageConfig } from '../layers/app/config';
import { startLocalStack } from './stack';
import { startSupervisor } from './supervisor';
import { startWatchdog } from './watchdog';

/**
 * `npm start`: the embedded default on 127.0.0.1:24817. Set DATABASE_URL or AWS_ENDPOINT_URL
 * to use an existing Postgres or emulator (LocalStack, say) instead of the embedded ones.
 * `npm start -- --api N --workers M` runs N API and M worker processes instead of one.
 */
const env = process.env;
const log = (msg: string): void => console.log(`[pulp] ${msg}`);
const { values: args } = parseArgs({
  options: { api: { type: 'string' }, workers: { type: 'string' } },
  allowPositionals: false,
});
const int = (value: string | undefined, fallback: number): number => {
  if (value === undefined || value === '') return fallback;
  const parsed = Number.parseInt(value, 10);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`expected a whole number, got "${value}"`);
  return parsed;
};
const seconds = (name: string): number | undefined => (env[name] ? int(env[name], 0) * 1000 : undefined);

const dataDir = path.resolve(env.PULP_DATA_DIR ?? '.data');
const adminPassword = env.PULP_ADMIN_PASSWORD ?? 'password';
const apiProcesses = int(args.api ?? env.PULP_API_PROCESSES, 0);
const workerProcesses = int(args.workers ?? env.PULP_WORKER_PROCESSES, 0);
const multiProcess = apiProcesses > 0 || workerProcesses > 0;

let stopping = false;
let stopStack: (() => Promise<void>) | undefined;
let killApp: (() => void) | undefined;
// Installed first: a Ctrl-C while starting ends the process, and the watchdog stops the rest.
// A second Ctrl-C does not wait for the orderly stop.
async function onSignal(signal: string): Promise<void> {
  if (stopping || !stopStack) {
    log(`${signal} again: exiting now`);
    killApp?.();
    process.exit(130);
  }
  stopping = true;
  log(`${signal}: stopping (press Ctrl-C again to exit at once)`);
  await stopStack();
  watchdog.close();
  log('stopped');
  process.exit(0);
}
process.on('SIGINT', () => void onSignal('SIGINT'));
process.on('SIGTERM', () => void onSignal('SIGTERM'));

// The data dir keeps the database, the stored files and the keys: it must exist before they are made.
await mkdir(dataDir, { recursive: true });
const watchdog = await startWatchdog(log);
const storage = await storageConfig();
const common = {
  host: env.PULP_HOST ?? '127.0.0.1',
  port: int(env.PULP_PORT, 24817),
  dataDir,
  databaseUrl: env.DATABASE_URL || undefined,
  awsEndpoint: env.AWS_ENDPOINT_URL || undefined,
  workers: int(env.PULP_WORKERS, 2),
  adminPassword,
  storage,
  workerTtlSeconds: env.WORKER_TTL_SECONDS ? int(env.WORKER_TTL_SECONDS, 30) : undefined,
  sweepIntervalMs: seconds('PULP_SWEEP_INTERVAL_SECONDS'),
  visibilityTimeoutSeconds: env.PULP_TASK_VISIBILITY_SECONDS ? int(env.PULP_TASK_VISIBILITY_SECONDS, 60) : undefined,
  stopGraceMs: seconds('PULP_STOP_GRACE_SECONDS'),
  watchdog,
  // During a rotation of the bootstrap secret the previous password still logs in (verify-only).
  adminPasswordPrevious: env.PULP_ADMIN_PASSWORD_PREVIOUS || undefined,
  log,
};

const started = Date.now();
let url: string;
try {
  if (multiProcess) {
    const supervisor = await startSupervisor({ ...common, apiProcesses: Math.max(1, apiProcesses), workerProcesses: Math.max(1, workerProcesses) });
    ({ url } = supervisor);
    stopStack = supervisor.stop;
    killApp = supervisor.kill;
  } else {
    const stack = await startLocalStack(common);
    ({ url } = stack);
    stopStack = stack.stop;
  }
} catch (error) {
  log(`could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  watchdog.close();
  process.exit(1);
}

log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
log(`API      ${url}/pulp/api/v3/   (status: ${url}/pulp/api/v3/status/)`);
log(`content  ${url}/pulp/content/`);
log(storage.backend === 'fs' ? `storage  ${storage.dir}` : 'storage  the emulator\'s S3 bucket');
log(`indexes  ${url}/pypi/<base_path>/simple/   (python distributions: pip, uv, twine)`);
if (!env.PULP_ADMIN_PASSWORD) {
  log('user admin, password "password" (local default only: set PULP_ADMIN_PASSWORD to change it)');
}

/**
 * Files under the data folder unless STORAGE_BACKEND=s3. A folder a version before this one
 * filled with its S3 snapshot holds the same keys: it becomes the storage folder.
 */
async function storageConfig(): Promise<StorageConfig> {
  const backend = env.STORAGE_BACKEND || 'fs';
  if (backend === 's3') {
    if (!env.AWS_ENDPOINT_URL) log('STORAGE_BACKEND=s3 on the embedded moto: objects live in memory and are lost when it stops');
    return { backend };
  }
  if (backend !== 'fs') throw new Error(`STORAGE_BACKEND must be fs or s3, got "${backend}"`);
  const dir = path.resolve(env.STORAGE_DIR || path.join(dataDir, 'storage'));
  const snapshot = path.join(dataDir, 's3', 'pulp-content');
  if (!(await exists(dir)) && (await exists(snapshot))) {
    await rename(snapshot, dir);
    log(`moved the S3 snapshot ${snapshot} to ${dir}`);
  }
  return { backend, dir };
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(() => true, () => false);
}
