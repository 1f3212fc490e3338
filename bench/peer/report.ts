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

const latency = (r: PhaseResult) => (r.extra && 'p50Ms' in r.extra ? ` (p50 ${r.extra.p50Ms} / p95 ${r.extra.p95Ms} ms)` : '');
const cell = (r: PhaseResult) => `${r.perSecond} ${r.unit}/s${latency(r)}; ${r.wallSeconds} s, ${r.cpuSeconds} CPU-s`;

/** The comparison as a markdown table, one row a phase. */
export function markdownTable(ours: Record<string, PhaseResult>, pulpcore: Record<string, PhaseResult>): string {
  const rows = Object.entries(ratios(ours, pulpcore)).map(
    ([key, r]) => `| ${key} | ${ours[key]!.count} ${ours[key]!.unit} | ${cell(ours[key]!)} | ${cell(pulpcore[key]!)} | ${r.throughput}× | ${r.cpu}× |`,
  );
  return ['| phase | work | ours | pulpcore | speed ours/pulpcore | CPU ours/pulpcore |', '|---|---|---|---|---|---|', ...rows].join('\n');
}
