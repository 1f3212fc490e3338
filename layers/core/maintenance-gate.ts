import type { MaintenanceSignals } from './ports/maintenance-signals';

/** After the API's last request, maintenance keeps running this long (Aurora is awake anyway). */
export const ACTIVE_WINDOW_MS = 15 * 60_000;
/** Whatever the signals say, a full run at least this often (a safety net for anything missed). */
export const FULL_RUN_EVERY_MS = 24 * 3600_000;

/** Why maintenance uses the database this time; undefined when it can leave it alone. */
export async function reasonToRun(signals: MaintenanceSignals, now: number): Promise<string | undefined> {
  if ((await signals.queuedTaskMessages()) > 0) return 'task messages are queued or in flight';
  if (await signals.contentWorkPending()) return 'the content app left work';
  const active = await signals.lastActivity();
  if (active !== undefined && now - active < ACTIVE_WINDOW_MS) return 'the API served requests recently';
  const last = await signals.lastFullRun();
  if (!last || now - last.at >= FULL_RUN_EVERY_MS) return 'the daily full run';
  if (last.nextScheduleAt !== undefined && last.nextScheduleAt <= now) return 'a task schedule is due';
  return undefined;
}
