import type { SweepOptions, SweepReport } from '../core/tasks/task-sweeper';
import type { App } from './app';

export interface MaintenanceReport extends SweepReport {
  /** On-demand fetches recorded in Postgres. */
  attached: number;
  /** Delivery index entries rewritten or removed by the reconciler (when it ran). */
  reconciled?: { refreshed: number; removed: number };
}

/**
 * What the sweeper does every minute (EventBridge in AWS, a timer locally): the task sweep,
 * recording what the content app fetched on demand, and, every `reconcileEveryMinutes`, the
 * delivery index reconciler (it reads every distribution, so not on every run).
 */
export async function runMaintenance(app: App, sweep: SweepOptions, options: { reconcileEveryMinutes: number; now?: Date }): Promise<MaintenanceReport> {
  const report = await app.sweeper.sweep(sweep);
  const attached = await app.indexer.applyAttachments();
  const minute = Math.floor((options.now ?? new Date()).getTime() / 60_000);
  const reconciled = minute % options.reconcileEveryMinutes === 0 ? await app.indexer.reconcile() : undefined;
  return { ...report, attached, ...(reconciled ? { reconciled } : {}) };
}
