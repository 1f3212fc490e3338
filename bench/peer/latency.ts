import { percentile, round } from '../support';

export interface LatencySummary {
  requests: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export function summarize(latenciesMs: number[]): LatencySummary {
  return {
    requests: latenciesMs.length,
    p50Ms: round(percentile(latenciesMs, 50), 2),
    p95Ms: round(percentile(latenciesMs, 95), 2),
    maxMs: round(Math.max(...latenciesMs), 2),
  };
}

/** Runs `count` jobs from `concurrency` parallel loops, stopping early once `deadline` passes. */
export async function runBounded(count: number, concurrency: number, deadline: number, job: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  let done = 0;
  const loop = async () => {
    while (next < count && Date.now() < deadline) {
      await job(next++);
      done++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, loop));
  return done;
}
