// The process `ours-server.ts` starts: our local stack as the benchmark compares it, with
// Postgres and the emulator on given ports as children of this process (so one process tree
// holds all of its CPU). Settings come in PEER_OURS (JSON); prints READY once it serves.
import path from 'node:path';
import { startMoto } from '../../local/moto-server';
import { startPostgres } from '../../local/postgres-server';
import { startLocalStack } from '../../local/stack';

interface OursSettings {
  dir: string;
  ports: { api: number; postgres: number; moto: number };
  workers: number;
  /** Download-queue loops in this process; 0 turns the fan-out off (the task downloads itself). */
  fetchers: number;
  adminPassword: string;
  /** Artifacts on the filesystem (as `npm start` keeps them) or in the emulator's bucket. */
  storage: 'fs' | 's3';
}

const settings = JSON.parse(process.env.PEER_OURS ?? '{}') as OursSettings;
const log = (msg: string) => console.log(`[ours] ${msg}`);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

const postgres = await startPostgres({ dataDir: path.join(settings.dir, 'postgres'), port: settings.ports.postgres, log });
const moto = await startMoto({ venvDir: path.join(root, '.venv', 'moto'), port: settings.ports.moto, log }).catch(async (error: unknown) => {
  await postgres.stop();
  throw error;
});
const stack = await startLocalStack({
  host: '127.0.0.1',
  port: settings.ports.api,
  dataDir: settings.dir,
  databaseUrl: postgres.databaseUrl('pulp'),
  awsEndpoint: moto.endpoint,
  workers: settings.workers,
  fetchers: settings.fetchers,
  adminPassword: settings.adminPassword,
  storage: settings.storage === 's3' ? { backend: 's3' } : { backend: 'fs', dir: path.join(settings.dir, 'storage') },
  log: () => undefined,
}).catch(async (error: unknown) => {
  await moto.stop();
  await postgres.stop();
  throw error;
});

let stopping = false;
process.on('SIGTERM', () => {
  if (stopping) return;
  stopping = true;
  void (async () => {
    await stack.stop();
    await moto.stop();
    await postgres.stop();
    log('stopped');
    process.exit(0);
  })();
});
log(`READY ${stack.url}`);
