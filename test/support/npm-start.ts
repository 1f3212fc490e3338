import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const READY_TIMEOUT_MS = 120_000;

export interface NpmStart {
  child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** Sends a signal to its whole process group, as a terminal's Ctrl-C does. */
  signalGroup(signal: NodeJS.Signals): void;
  /** Resolves with the exit code (or signal) of `npm` once it is gone. */
  exited: Promise<number | NodeJS.Signals | null>;
}

/** A fresh data folder Postgres (running as the postgres user when we are root) can enter. */
export async function dataFolder(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  await chmod(dir, 0o755);
  return dir;
}

/**
 * Runs the real `npm start` (npm, then tsx, then node) as a user does, in a process group of
 * its own like a terminal's foreground job, and resolves once it printed that it is ready.
 */
export function npmStart(env: Record<string, string>, args: string[] = []): Promise<NpmStart> {
  const child = spawn('npm', ['start', ...(args.length ? ['--', ...args] : [])], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DATABASE_URL: '',
      AWS_ENDPOINT_URL: '',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      POWERTOOLS_METRICS_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...env,
    },
  });
  let text = '';
  child.stdout!.on('data', (c: Buffer) => (text += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (text += c.toString()));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const started: NpmStart = {
    child,
    output: () => text,
    signalGroup: (signal) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // Already gone.
      }
    },
    exited,
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      started.signalGroup('SIGKILL');
      reject(new Error(`npm start was not ready within ${READY_TIMEOUT_MS} ms:\n${text}`));
    }, READY_TIMEOUT_MS);
    const poll = setInterval(() => {
      if (!text.includes('[pulp] ready in')) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolve(started);
    }, 100);
    void exited.then((code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`npm start exited early (${code}):\n${text}`));
    });
  });
}

/** Ctrl-C (SIGINT to the group), then waits for npm to exit; returns its exit code. */
export async function stopWithCtrlC(started: NpmStart): Promise<number | NodeJS.Signals | null> {
  started.signalGroup('SIGINT');
  return started.exited;
}

/**
 * The processes of a run, found by the data folder in their environment (every process
 * `npm start` starts inherits PULP_DATA_DIR): Postgres, the emulator, the watchdog, app
 * processes. As `ps` shows them: pid and command.
 */
export async function processesOfRun(dataDir: string): Promise<string[]> {
  const marker = `PULP_DATA_DIR=${dataDir}\0`;
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid);
  const found: string[] = [];
  for (const pid of pids) {
    const environ = await readFile(`/proc/${pid}/environ`, 'utf8').catch(() => '');
    if (!environ.includes(marker)) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline) found.push(`${pid} ${cmdline.replaceAll('\0', ' ').slice(0, 120)}`);
  }
  return found;
}

/** Polls until no process of the run is left (the watchdog stops them after a SIGKILL). */
export async function waitForNoProcessesOf(dataDir: string, timeoutMs = 60_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = await processesOfRun(dataDir);
    if (left.length === 0 || Date.now() > deadline) return left;
    await new Promise((r) => setTimeout(r, 200));
  }
}
