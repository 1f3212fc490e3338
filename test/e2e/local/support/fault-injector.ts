import type { NpmStart } from '../../../support/npm-start';

export interface Fault {
  process: string;
  pid: number;
  /** Seconds from the start of the load. */
  at: number;
  /** Seconds until the supervisor had it running again. */
  restartedAfter: number | undefined;
}

const RESTART_TIMEOUT_MS = 60_000;

/** The pid each app process has now, from the supervisor's `<name> started (pid N…)` lines. */
export function currentPids(output: string): Map<string, number> {
  const pids = new Map<string, number>();
  for (const match of output.matchAll(/\[pulp\] ((?:api|worker)-\d+) started \(pid (\d+)/g)) pids.set(match[1]!, Number(match[2]));
  return pids;
}

/**
 * SIGKILLs one API process, then one worker process, and so on, every `intervalMs`, each
 * time waiting until the supervisor has restarted the killed one. Runs until `until()`.
 */
export async function injectFaults(run: NpmStart, intervalMs: number, until: () => boolean, startedAt: number): Promise<Fault[]> {
  const faults: Fault[] = [];
  const names = [...currentPids(run.output()).keys()];
  const apis = names.filter((n) => n.startsWith('api-'));
  const workers = names.filter((n) => n.startsWith('worker-'));
  for (let turn = 0; ; turn++) {
    await sleepUnless(intervalMs, until);
    if (until()) return faults;
    const group = turn % 2 === 0 ? apis : workers;
    const name = group[Math.floor(turn / 2) % group.length]!;
    const pid = currentPids(run.output()).get(name)!;
    const killedAt = Date.now();
    process.kill(pid, 'SIGKILL');
    const fault: Fault = { process: name, pid, at: Math.round((killedAt - startedAt) / 100) / 10, restartedAfter: undefined };
    faults.push(fault);
    const deadline = killedAt + RESTART_TIMEOUT_MS;
    while (Date.now() < deadline && currentPids(run.output()).get(name) === pid) await new Promise((r) => setTimeout(r, 50));
    if (currentPids(run.output()).get(name) !== pid) fault.restartedAfter = Math.round((Date.now() - killedAt) / 100) / 10;
  }
}

async function sleepUnless(ms: number, until: () => boolean): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && !until()) await new Promise((r) => setTimeout(r, 100));
}
