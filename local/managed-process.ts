import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { AppProcessReady, AppProcessSettings } from './app-process';
import type { Watchdog } from './watchdog';

const SCRIPT = path.join(path.dirname(new URL(import.meta.url).pathname), 'app-process.ts');
const READY_TIMEOUT_MS = 120_000;
/** A process that dies this soon after starting counts as crash-looping: back off. */
const HEALTHY_AFTER_MS = 10_000;
const MAX_BACKOFF_MS = 10_000;

/**
 * One API or worker process, kept running: restarted whenever it exits without being asked
 * to (as Lambda starts a new environment after one dies), with a backoff while it keeps
 * dying at start.
 */
export class ManagedProcess {
  private child: ChildProcess | undefined;
  private stopping = false;
  private quickExits = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  /** Restarts so far (a kill test's faults show up here). */
  restarts = 0;

  constructor(
    readonly name: string,
    private readonly settings: AppProcessSettings,
    private readonly log: (msg: string) => void,
    private readonly watchdog?: Watchdog,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the process and resolves once it says it is ready. */
  start(): Promise<void> {
    // The same node and loader flags as this process (tsx), in a process group of its own so
    // the terminal's Ctrl-C reaches the supervisor, which stops the processes in order.
    const child = spawn(process.execPath, [...process.execArgv, SCRIPT], {
      detached: true,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, PULP_PROCESS_SETTINGS: JSON.stringify(this.settings) },
    });
    this.child = child;
    if (child.pid) this.watchdog?.watch(child.pid, this.name, 'SIGTERM');
    const startedAt = Date.now();
    child.once('exit', (code, signal) => {
      if (child.pid) this.watchdog?.forget(child.pid);
      if (this.stopping || this.child !== child) return;
      this.quickExits = Date.now() - startedAt < HEALTHY_AFTER_MS ? this.quickExits + 1 : 0;
      const delay = Math.min(MAX_BACKOFF_MS, 100 * 2 ** this.quickExits);
      this.log(`${this.name} (pid ${child.pid}) exited (code ${code ?? 'none'}, signal ${signal ?? 'none'}); restarting in ${delay} ms`);
      this.restartTimer = setTimeout(() => {
        this.restarts++;
        this.start().catch((error: unknown) => this.log(`${this.name} did not start: ${String(error)}`));
      }, delay);
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name} was not ready within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
      child.once('message', (message: AppProcessReady) => {
        clearTimeout(timer);
        if (!message.ready) return reject(new Error(`${this.name} sent ${JSON.stringify(message)}`));
        this.log(`${this.name} started (pid ${child.pid}${message.url ? `, ${message.url}` : ''})`);
        resolve();
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${this.name} exited before it was ready (code ${code ?? 'none'}, signal ${signal ?? 'none'})`));
      });
    });
  }

  /** Asks the process to stop (SIGTERM: it finishes its work in `graceMs`), killing it if it lingers. */
  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => child.kill('SIGKILL'), graceMs + 10_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }

  /** Kills it at once (a second Ctrl-C). */
  kill(): void {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    this.child?.kill('SIGKILL');
  }
}
