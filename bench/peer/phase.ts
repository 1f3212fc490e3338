import { round } from '../support';
import { treeCpuByName } from './process-cpu';

/** What a workload did: how many of what, and anything else worth keeping. */
export interface WorkDone {
  count: number;
  unit: string;
  extra?: Record<string, unknown>;
}

export interface PhaseResult extends WorkDone {
  wallSeconds: number;
  /** CPU-seconds of the server's whole process tree during the phase. */
  cpuSeconds: number;
  /** The same by command name (postgres, node, python3, gunicorn…). */
  cpuByProcess: Record<string, number>;
  perSecond: number;
  /** Server CPU per unit of work, in milliseconds. */
  cpuMsPerUnit: number;
}

/** Runs `work`, timing it on the wall clock and in the server's CPU. */
export async function measurePhase(pids: () => number[], work: () => Promise<WorkDone>): Promise<PhaseResult> {
  const before = treeCpuByName(pids());
  const started = performance.now();
  const done = await work();
  const wall = (performance.now() - started) / 1000;
  const after = treeCpuByName(pids());
  // A process that exited and was not reaped by the tree takes its CPU with it: never below 0.
  const byName = Object.fromEntries(Object.entries(after).map(([name, s]) => [name, round(Math.max(0, s - (before[name] ?? 0)), 2)]));
  const cpu = Object.values(byName).reduce((a, b) => a + b, 0);
  return {
    ...done,
    wallSeconds: round(wall, 3),
    cpuSeconds: round(cpu, 2),
    cpuByProcess: byName,
    perSecond: round(done.count / wall, 1),
    cpuMsPerUnit: round((cpu * 1000) / done.count, 2),
  };
}
