import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports process times in clock ticks; 100 a second on every common build. */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  /** The command name (15 characters at most): postgres, node, python3, gunicorn… */
  name: string;
  ppid: number;
  /** utime + stime + cutime + cstime: the process and its children already reaped. */
  ticks: number;
}

function readStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // gone between the listing and the read
  }
  // The command name may hold spaces and parentheses: the fields start after the last ')'.
  const name = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): ppid is field 4, utime..cstime are fields 14..17.
  const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
  return { name, ppid: Number(fields[1]), ticks };
}

/**
 * CPU-seconds used so far by the given processes and all their descendants, by command name:
 * the live ones from their own counters, the exited ones through their parent's reaped-children
 * counters (a Postgres backend or a gunicorn worker that ended counts under the process that
 * reaped it).
 */
export function treeCpuByName(roots: readonly number[]): Record<string, number> {
  const stats = new Map<number, ProcStat>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat) stats.set(Number(entry), stat);
  }
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of stats) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const ticks: Record<string, number> = {};
  const seen = new Set<number>();
  const queue = roots.filter((pid) => stats.has(pid));
  while (queue.length) {
    const pid = queue.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    const { name, ticks: own } = stats.get(pid)!;
    ticks[name] = (ticks[name] ?? 0) + own;
    queue.push(...(children.get(pid) ?? []));
  }
  return Object.fromEntries(Object.entries(ticks).map(([name, t]) => [name, t / TICKS_PER_SECOND]));
}
