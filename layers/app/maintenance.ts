import type { SweepOptions, SweepReport } from '../core/tasks/task-sweeper';
import { reasonToRun } from '../core/maintenance-gate';
import type { App } from './app';

export interface MaintenanceReport extends SweepReport {
  /** Why this run used Postgres; absent when the signals said there was nothing to do. */
  ranBecause?: string;
  /** On-demand fetches recorded in Postgres. */
  attached: number;
  /** Files plugins' content hooks kept (pull-through), recorded as content. */
  pulled: number;
  /** Delivery index entries rewritten or removed by the reconciler (when it ran). */
  reconciled?: { refreshed: number; removed: number };
}

/**
 * What the sweeper does every minute (EventBridge in AWS, a timer locally), when the cheap
 * signals give a reason to use Postgres (else nothing, so an idle Aurora pauses): the task
 * sweep, recording what the content app fetched on demand (and what plugins' hooks kept), and,
 * every `reconcileEveryMinutes` and on the daily run, the delivery index reconciler (it reads
 * every distribution, so not on every run).
 */
export async function runMaintenance(app: App, sweep: SweepOptions, options: { reconcileEveryMinutes: number; now?: Date }): Promise<MaintenanceReport> {
  const now = (options.now ?? new Date()).getTime();
  const reason = await reasonToRun(app.signals, now);
  if (!reason) return { ...IDLE };
  const report = await app.sweeper.sweep(sweep);
  const attached = await app.indexer.applyAttachments();
  const pulled = await recordPulled(app);
  const minute = Math.floor(now / 60_000);
  const reconciled = minute % options.reconcileEveryMinutes === 0 || reason === 'the daily full run' ? await app.indexer.reconcile() : undefined;
  await app.signals.recordFullRun({ at: now, ...(await nextScheduleAt(app)) });
  return { ...report, attached, pulled, ranBecause: reason, ...(reconciled ? { reconciled } : {}) };
}

/** What an idle run reports: nothing looked at, nothing done. */
const IDLE: MaintenanceReport = { failed: [], rewoken: [], stuckGroups: [], deadLettered: [], scheduled: [], workersRemoved: 0, attached: 0, pulled: 0 };

/** When the next task schedule falls due, so an idle sweeper knows when to wake Postgres for it. */
async function nextScheduleAt(app: App): Promise<{ nextScheduleAt?: number }> {
  const { results } = await app.taskSchedules.list({}, { limit: 1000, offset: 0 });
  const due = results.map((s) => (s.nextDispatch ? Date.parse(s.nextDispatch) : Number.NaN)).filter((t) => Number.isFinite(t));
  return due.length ? { nextScheduleAt: Math.min(...due) } : {};
}

/**
 * Hands what plugins' content hooks kept to their `recordPulled` (the content app has no
 * database). One that fails is logged and dropped: its file is served still, and fetched again
 * on its next request.
 */
async function recordPulled(app: App, limit = 200): Promise<number> {
  const pending = await app.deliveryIndex.pendingPulled(limit);
  for (const file of pending) {
    const hook = app.types.plugins.find((p) => p.name === file.plugin)?.contentApp?.recordPulled;
    try {
      if (hook) {
        await app.services.artifacts.ensureArtifact({ sha256: file.sha256, size: file.size });
        await hook(file, app.plugins);
      }
    } catch (error) {
      app.logger.warn('A file a content hook kept could not be recorded', { plugin: file.plugin, sha256: file.sha256, error: String(error) });
    }
    await app.deliveryIndex.clearPulled(file);
  }
  return pending.length;
}
