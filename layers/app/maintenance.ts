import type { SweepOptions, SweepReport } from '../core/tasks/task-sweeper';
import type { App } from './app';

export interface MaintenanceReport extends SweepReport {
  /** On-demand fetches recorded in Postgres. */
  attached: number;
  /** Files plugins' content hooks kept (pull-through), recorded as content. */
  pulled: number;
  /** Delivery index entries rewritten or removed by the reconciler (when it ran). */
  reconciled?: { refreshed: number; removed: number };
}

/**
 * What the sweeper does every minute (EventBridge in AWS, a timer locally): the task sweep,
 * recording what the content app fetched on demand (and what plugins' hooks kept), and, every `reconcileEveryMinutes`, the
 * delivery index reconciler (it reads every distribution, so not on every run).
 */
export async function runMaintenance(app: App, sweep: SweepOptions, options: { reconcileEveryMinutes: number; now?: Date }): Promise<MaintenanceReport> {
  const report = await app.sweeper.sweep(sweep);
  const attached = await app.indexer.applyAttachments();
  const pulled = await recordPulled(app);
  const minute = Math.floor((options.now ?? new Date()).getTime() / 60_000);
  const reconciled = minute % options.reconcileEveryMinutes === 0 ? await app.indexer.reconcile() : undefined;
  return { ...report, attached, pulled, ...(reconciled ? { reconciled } : {}) };
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
