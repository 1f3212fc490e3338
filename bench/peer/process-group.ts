import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';

export interface GroupProcess {
  name: string;
  pid: number;
  /** Resolves once it exited, with how. */
  exited: Promise<string>;
  /** Signals its whole process group, then SIGKILLs the group after `graceMs`. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

export interface GroupOptions {
  env?: NodeJS.ProcessEnv;
  /** stdout and stderr go to this file (never a pipe that could fill up). */
  logFile: string;
  uid?: number;
  gid?: number;
  cwd?: string;
}

/** A server process in a process group of its own, so stopping it also stops what it forked. */
export function spawnGroup(name: string, command: string, args: string[], opts: GroupOptions): GroupProcess {
  const out = openSync(opts.logFile, 'a');
  const child = spawn(command, args, {
    detached: true,
    stdio: ['ignore', out, out],
    env: opts.env ?? process.env,
    uid: opts.uid,
    gid: opts.gid,
    cwd: opts.cwd,
  });
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(`exit code ${code ?? 'none'}, signal ${signal ?? 'none'}`));
    child.once('error', (error) => resolve(error.message));
  });
  let done = false;
  void exited.then(() => (done = true));
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // the group is gone already
    }
  };
  return {
    name,
    pid: child.pid!,
    exited,
    stop: async (signal = 'SIGTERM', graceMs = 20_000) => {
      if (done) return kill('SIGKILL'); // the leader exited: end anything it left in its group
      kill(signal);
      const timer = setTimeout(() => kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      kill('SIGKILL');
    },
  };
}

/** Polls `ready` until it holds, the process exits, or the time bound passes. */
export async function waitReady(proc: GroupProcess, ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  let gone: string | undefined;
  void proc.exited.then((why) => (gone = why));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`${proc.name} exited while starting (${gone})`);
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${proc.name} was not ready within ${timeoutMs / 1000} s`);
}

/** True once an HTTP GET of `url` answers below 500. */
export async function answers(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  await res.arrayBuffer();
  return res.status < 500;
}
