import { spawn } from 'node:child_process';
import path from 'node:path';

export interface Watchdog {
  /** Stop this process with `signal` if the runner dies without stopping it itself. */
  watch(pid: number, name: string, signal: NodeJS.Signals): void;
  /** The runner stopped it: forget it. */
  forget(pid: number): void;
  /** Ends the watchdog, which then stops whatever is still watched (none, after an orderly stop). */
  close(): void;
}

const SCRIPT = path.join(path.dirname(new URL(import.meta.url).pathname), 'watchdog-process.ts');

/**
 * Postgres and the emulator run detached (their own process group), so a Ctrl-C meant for the
 * runner does not stop them before the runner has stopped its work; but then nothing stops
 * them if the runner is killed (SIGKILL, a crash, an OOM kill). The watchdog is a small
 * process, also detached, holding the read end of a pipe from the runner: when the runner
 * dies the kernel closes its end, the watchdog reads end-of-file and stops what it watches.
 */
export async function startWatchdog(log: (msg: string) => void): Promise<Watchdog> {
  // The same node and loader flags as this process (tsx), so the TypeScript file runs as is;
  // a process started otherwise (a test runner) gets the tsx loader.
  const flags = process.execArgv.some((flag) => flag.includes('tsx')) ? process.execArgv : ['--import', 'tsx'];
  const child = spawn(process.execPath, [...flags, SCRIPT], {
    detached: true,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the watchdog exited at start (code ${code})`)));
    child.stdout!.once('data', () => resolve());
  });
  child.removeAllListeners('exit');
  // Neither its pipe nor the process may keep the runner alive.
  child.unref();
  (child.stdout as unknown as { unref(): void }).unref();
  (child.stdin as unknown as { unref(): void }).unref();
  child.on('exit', (code, signal) => {
    if (!closed) log(`the watchdog stopped unexpectedly (code ${code}, signal ${signal})`);
  });
  let closed = false;
  const send = (command: object) => {
    if (!closed) child.stdin!.write(`${JSON.stringify(command)}\n`);
  };
  return {
    watch: (pid, name, signal) => send({ watch: pid, name, signal }),
    forget: (pid) => send({ forget: pid }),
    close: () => {
      if (closed) return;
      closed = true;
      child.stdin!.end();
    },
  };
}
