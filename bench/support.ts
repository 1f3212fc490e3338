import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

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
