import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startMoto } from '../../local/moto-server';
import { startPostgres } from '../../local/postgres-server';
import { startWatchdog } from '../../local/watchdog';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL to the `postgres` database of the run's one Postgres cluster. */
    databaseAdminUrl: string;
    /** The run's one moto server, e.g. http://127.0.0.1:PORT. */
    awsEndpoint: string;
  }
}

/**
 * One real Postgres and one moto server for the whole run; test files get their own
 * database and uniquely named AWS resources on them (test-database.ts, test-aws.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const log = (msg: string) => console.log(`[global-setup] ${msg}`);
  const scratch = await mkdtemp(join(tmpdir(), 'pulp-test-'));
  // mkdtemp makes it 0700; Postgres runs as the postgres user when we are root.
  await chmod(scratch, 0o755);
  const venvDir = join(project.config.root, '.venv', 'moto');
  await mkdir(join(project.config.root, '.venv'), { recursive: true });

  // A test run that is killed must not leave its Postgres running (moto ends with its parent).
  const watchdog = await startWatchdog(log);
  const [postgres, moto] = await Promise.all([
    startPostgres({ dataDir: join(scratch, 'pg'), durable: false, log }),
    startMoto({ venvDir, log }),
  ]).catch(async (error: unknown) => {
    watchdog.close();
    await rm(scratch, { recursive: true, force: true });
    throw error;
  });

  watchdog.watch(postgres.pid, 'postgres', 'SIGINT');
  watchdog.watch(moto.pid, 'moto', 'SIGTERM');
  project.provide('databaseAdminUrl', postgres.databaseUrl('postgres'));
  project.provide('awsEndpoint', moto.endpoint);

  return async () => {
    await Promise.allSettled([postgres.stop(), moto.stop()]);
    watchdog.forget(postgres.pid);
    watchdog.forget(moto.pid);
    watchdog.close();
    await rm(scratch, { recursive: true, force: true });
  };
}
