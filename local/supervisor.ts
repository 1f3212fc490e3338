import type { AppProcessSettings } from './app-process';
import { startAppRuntime } from './app-runtime';
import { DEFAULT_NAMES } from './backing-services';
import { startBalancer } from './balancer';
import { freePort } from './free-port';
import { ManagedProcess } from './managed-process';
import type { LocalStackOptions } from './stack';
import { DEFAULT_FETCHERS, startStackBase } from './stack-base';
import { within } from './within';

export interface SupervisorOptions extends Omit<LocalStackOptions, 'runWorkers' | 'names'> {
  /** API processes (each serves the API, content and storage routes) behind one port. */
  apiProcesses: number;
  /** Worker processes, each running `workers` task loops. */
  workerProcesses: number;
}

export interface Supervisor {
  url: string;
  processes: ManagedProcess[];
  stop(): Promise<void>;
  /** A second Ctrl-C: kills the app processes at once (the watchdog stops the rest). */
  kill(): void;
}

const DEFAULT_STOP_GRACE_MS = 30_000;

/**
 * The multi-process local mode: one Postgres and one emulator, several API processes behind
 * a loopback balancer on the public port, several worker processes, and the sweeper here (as
 * its own scheduled function in AWS). Any app process may die; it is restarted, and the
 * others go on, as separate Lambda environments do.
 */
export async function startSupervisor(options: SupervisorOptions): Promise<Supervisor> {
  const { log } = options;
  const grace = options.stopGraceMs ?? DEFAULT_STOP_GRACE_MS;
  const { services, config, port, signing } = await startStackBase(options, DEFAULT_NAMES);
  const processes: ManagedProcess[] = [];
  let balancer: Awaited<ReturnType<typeof startBalancer>> | undefined;
  let sweeper: Awaited<ReturnType<typeof startAppRuntime>> | undefined;

  const stop = async (): Promise<void> => {
    if (balancer && !(await within(balancer.close(), grace))) balancer.closeAll();
    await Promise.all(processes.map((p) => p.stop(grace)));
    await sweeper?.stop();
    log('stopped the app');
    await services.stop();
  };
  try {
    sweeper = await startAppRuntime({ config, workers: 0, sweepIntervalMs: options.sweepIntervalMs ?? 15_000, stopGraceMs: grace, signing, log });

    // Every process signs and seals with the same keys (they travel in its settings, never on disk twice).
    const common: Omit<AppProcessSettings, 'name'> = { config, workers: 0, stopGraceMs: grace, signing };
    const backends: string[] = [];
    for (let i = 1; i <= options.apiProcesses; i++) {
      // A fixed port per API process, kept across its restarts, so the balancer's list holds.
      const backendPort = await freePort();
      backends.push(`http://127.0.0.1:${backendPort}`);
      processes.push(new ManagedProcess(`api-${i}`, { ...common, name: `api-${i}`, http: { host: '127.0.0.1', port: backendPort } }, log, options.watchdog));
    }
    for (let i = 1; i <= options.workerProcesses; i++) {
      // Each worker process also runs fetchers for the syncs' downloads (a function of its own in AWS).
      const fetchers = options.fetchers ?? DEFAULT_FETCHERS;
      processes.push(new ManagedProcess(`worker-${i}`, { ...common, name: `worker-${i}`, workers: options.workers, fetchers }, log, options.watchdog));
    }
    await Promise.all(processes.map((p) => p.start()));
    balancer = await startBalancer({ host: options.host, port, backends, log });
    const kill = (): void => {
      for (const p of processes) p.kill();
    };
    return { url: balancer.url, processes, stop, kill };
  } catch (error) {
    await stop();
    throw error;
  }
}
