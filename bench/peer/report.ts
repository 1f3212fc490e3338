import { round } from '../support';
import type { PhaseResult } from './phase';

export interface PhaseRatio {
  /** ours / pulpcore work per wall second: above 1, ours is faster. */
  throughput: number;
  /** ours / pulpcore server CPU-seconds: below 1, ours uses less. */
  cpu: number;
}

export function ratios(ours: Record<string, PhaseResult>, pulpcore: Record<string, PhaseResult>): Record<string, PhaseRatio> {
  const out: Record<string, PhaseRatio> = {};
  for (const [key, o] of Object.entries(ours)) {
    const p = pulpcore[key];
    if (!p) continue;
    out[key] = { throughput: round(o.perSecond / p.perSecond, 2), cpu: round(o.cpuSeconds / p.cpuSeconds, 2) };
  }
  return out;
}

const latency = (r: PhaseResult) => (r.extra && 'p50Ms' in r.extra ? `${r.extra.p50Ms} / ${r.extra.p95Ms}` : '');
const split = (r: PhaseResult) =>
  Object.entries(r.cpuByProcess)
    .filter(([, s]) => s >= 0.01)
    .sort((a, b) => b[1] - a[1])
    .map(([name, s]) => `${name} ${s}`)
    .join(', ');

/**
 * The comparison as a markdown table: a row per phase and server, each of ours with its
 * ratios to `peer` (pulpcore).
 */
export function markdownTable(servers: Record<string, Record<string, PhaseResult>>, peer = 'pulpcore'): string {
  const rows: string[] = [];
  const reference = servers[peer] ?? {};
  const phases = [...new Set(Object.values(servers).flatMap((phases) => Object.keys(phases)))];
  for (const key of phases) {
    for (const [name, results] of Object.entries(servers)) {
      const r = results[key];
      if (!r) continue;
      const p = reference[key];
      const ratio = name !== peer && p ? `${round(r.perSecond / p.perSecond, 2)}× | ${round(r.cpuSeconds / p.cpuSeconds, 2)}×` : '— | —';
      rows.push(`| ${key} | ${name} | ${r.count} ${r.unit} | ${r.perSecond}/s | ${latency(r)} | ${r.wallSeconds} | ${r.cpuSeconds} (${split(r)}) | ${ratio} |`);
    }
  }
  return [
    '| phase | server | work | rate | p50 / p95 ms | wall s | server CPU-s (by process) | speed vs pulpcore | CPU vs pulpcore |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
