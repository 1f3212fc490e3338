import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { RunningServer } from './pulpcore-server';
import { answers, spawnGroup, waitReady } from './process-group';

export interface OursPorts {
  api: number;
  postgres: number;
  moto: number;
}

export const OURS_PASSWORD = 'bench';
const ENTRY = path.join(path.dirname(new URL(import.meta.url).pathname), 'ours-entry.ts');

/**
 * Our local stack (API, content app, 2 task workers and `fetchers` download-queue loops in
 * one Node process, embedded Postgres, moto for S3/SQS/DynamoDB) in a process of its own, so the benchmark's client
 * and upstream are not counted in its CPU.
 */
export async function startOurs(
  dir: string,
  ports: OursPorts,
  fetchers: number,
  storage: 'fs' | 's3',
  log: (msg: string) => void,
  /** Writes a V8 CPU profile of the stack's Node process into this folder when it stops. */
  profileDir?: string,
): Promise<RunningServer> {
  await mkdir(dir, { recursive: true });
  // As root, Postgres runs as the postgres user, which must be able to enter the folder.
  await chmod(dir, 0o755);
  const settings = { dir, ports, workers: 2, fetchers, storage, adminPassword: OURS_PASSWORD };
  const proc = spawnGroup('ours', process.execPath, [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), '--import', 'tsx', ENTRY], {
    env: { ...process.env, PEER_OURS: JSON.stringify(settings) },
    logFile: path.join(dir, 'stack.log'),
  });
  const apiUrl = `http://127.0.0.1:${ports.api}`;
  try {
    await waitReady(proc, () => answers(`${apiUrl}/pulp/api/v3/status/`), 180_000);
  } catch (error) {
    await proc.stop();
    throw error;
  }
  log(`ours up: ${apiUrl}`);
  return { apiUrl, pids: () => [proc.pid], stop: () => proc.stop('SIGTERM', 30_000) };
}
