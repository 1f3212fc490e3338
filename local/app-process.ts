// One API or worker process of the multi-process local mode (see supervisor.ts): it runs its
// share of the app against the supervisor's Postgres and emulator, says when it is ready,
// and stops in order on SIGTERM or SIGINT, or when the supervisor is gone (its IPC channel
// closes however the supervisor ended, SIGKILL included).
import { startAppRuntime, type AppRuntimeOptions } from './app-runtime';

export type AppProcessSettings = Omit<AppRuntimeOptions, 'log'> & { name: string };
export interface AppProcessReady {
  ready: true;
  url?: string;
}

const settings = JSON.parse(process.env.PULP_PROCESS_SETTINGS ?? '{}') as AppProcessSettings;
const log = (msg: string): void => console.log(`[pulp ${settings.name}] ${msg}`);
const runtime = await startAppRuntime({ ...settings, log });

let stopping = false;
async function stop(why: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log(`${why}: stopping`);
  await runtime.stop();
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
process.on('disconnect', () => void stop('the supervisor is gone'));
const ready: AppProcessReady = { ready: true, url: runtime.url };
process.send?.(ready);
