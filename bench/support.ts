import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startLocalStack, type LocalStack } from '../local/stack';

/** Percentile of a sorted-on-demand sample (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** Writes a result file with the machine it ran on, so numbers are never read without context. */
export async function writeResult(name: string, data: unknown): Promise<string> {
  const file = path.join(path.dirname(new URL(import.meta.url).pathname), 'results', `${name}.json`);
  await mkdir(path.dirname(file), { recursive: true });
  const doc = {
    benchmark: name,
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: round(os.totalmem() / 2 ** 30), node: process.version },
    results: data,
  };
  await writeFile(file, `${JSON.stringify(doc, null, 2)}\n`);
  return file;
}

export interface BenchStack {
  stack: LocalStack;
  /** An admin API call; the JSON body comes back parsed. */
  api(p: string, method?: string, body?: unknown): Promise<{ status: number; json: Record<string, any> }>;
  stop(): Promise<void>;
}

/**
 * The local stack in a throwaway data folder, on 127.0.0.1 only, with an admin API client.
 * `name` keeps its bucket and queues apart from other benchmarks on the same emulator.
 */
export async function startBenchStack(name: string, workers: number): Promise<BenchStack> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `bench-${name}-`));
  // As root, Postgres runs as the postgres user, which must be able to enter the folder.
  await chmod(dataDir, 0o755);
  const stack = await startLocalStack({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    databaseUrl: process.env.DATABASE_URL,
    workers,
    ...(process.env.BENCH_FETCHERS ? { fetchers: Number(process.env.BENCH_FETCHERS) } : {}),
    adminPassword: 'bench',
    names: { bucket: `bench-${name}`, taskQueue: `bench-${name}.fifo`, downloadQueue: `bench-${name}-dl` },
    log: () => undefined,
  });
  const auth = `Basic ${Buffer.from('admin:bench').toString('base64')}`;
  return {
    stack,
    api: async (p, method = 'GET', body) => {
      const res = await fetch(new URL(p, stack.url), {
        method,
        headers: { authorization: auth, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, json: (await res.json()) as Record<string, any> };
    },
    stop: async () => {
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
