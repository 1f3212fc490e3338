// The watchdog's own process (see watchdog.ts). It reads commands from its stdin, a pipe
// whose other end only the runner holds; end of input means the runner is gone, by whatever
// means, and every process still on the list is stopped.
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';

interface Watched {
  name: string;
  signal: NodeJS.Signals;
  /** The process's start time (/proc/<pid>/stat field 22), so a reused pid is never signalled. */
  startTime: string | undefined;
}

/** How long a stopped process may take before it is killed outright. */
const STOP_TIMEOUT_MS = 30_000;
const watched = new Map<number, Watched>();

/** Fields 3 on of /proc/<pid>/stat; the command name (field 2) may hold spaces and parentheses. */
async function statFields(pid: number): Promise<string[] | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
}

async function startTime(pid: number): Promise<string | undefined> {
  return (await statFields(pid))?.[19];
}

/** Still running: alive, not a zombie (an orphan nobody reaps), and not a reused pid. */
async function isSameProcess(pid: number, entry: Watched): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const fields = await statFields(pid);
  if (fields?.[0] === 'Z') return false;
  return entry.startTime === undefined || fields?.[19] === entry.startTime;
}

/** Newest first (app processes, then the emulator, then Postgres), each gone before the next. */
async function stopAll(): Promise<void> {
  for (const [pid, entry] of [...watched].reverse()) {
    if (!(await isSameProcess(pid, entry))) continue;
    console.error(`[watchdog] the runner is gone: stopping ${entry.name} (pid ${pid}) with ${entry.signal}`);
    process.kill(pid, entry.signal);
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while ((await isSameProcess(pid, entry)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (await isSameProcess(pid, entry)) process.kill(pid, 'SIGKILL');
  }
}

const commands = createInterface({ input: process.stdin });
const pending: Array<Promise<void>> = [];
commands.on('line', (line) => {
  const command = JSON.parse(line) as { watch?: number; name?: string; signal?: NodeJS.Signals; forget?: number };
  if (command.forget !== undefined) watched.delete(command.forget);
  const pid = command.watch;
  if (pid !== undefined) {
    pending.push(
      startTime(pid).then((time) => void watched.set(pid, { name: command.name ?? String(pid), signal: command.signal ?? 'SIGTERM', startTime: time })),
    );
  }
});
commands.on('close', () => {
  void Promise.all(pending)
    .then(stopAll)
    .finally(() => process.exit(0));
});
// Only the end of input stops the watchdog: a Ctrl-C meant for the runner must not.
process.on('SIGINT', () => undefined);
// Its stderr is the runner's; once nobody reads it, a failed write must not stop the watchdog.
process.stderr.on('error', () => undefined);
process.stdout.write('watching\n');
