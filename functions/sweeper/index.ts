import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { runMaintenance, type MaintenanceReport } from '../../layers/app/maintenance';
import { getApp } from '../shared/app';
import { logger, metrics } from '../shared/powertools';
import { sweepOptions } from './options';

/**
 * Runs every minute (EventBridge): fails abandoned tasks, re-wakes stuck ones, drains the task
 * DLQ, fires due task schedules, forgets gone workers, records on-demand fetches, and now and
 * then reconciles the delivery index. Each count is an EMF metric (namespace ServerlessPulp,
 * see docs/reliability.md), so an alarm can watch any of them.
 */
export const handler = middy(async (): Promise<MaintenanceReport> => {
  const app = getApp();
  const report = await runMaintenance(app, sweepOptions(app.config.workerTtlSeconds), { reconcileEveryMinutes: 15 });
  if (!report.ranBecause) logger.debug('Nothing to do: Postgres left alone');
  metrics.addMetric('tasks_abandoned', MetricUnit.Count, report.failed.length);
  metrics.addMetric('tasks_stuck', MetricUnit.Count, report.rewoken.length);
  metrics.addMetric('task_groups_stuck', MetricUnit.Count, report.stuckGroups.length);
  metrics.addMetric('tasks_dead_lettered', MetricUnit.Count, report.deadLettered.length);
  metrics.addMetric('tasks_scheduled', MetricUnit.Count, report.scheduled.length);
  metrics.addMetric('ondemand_recorded', MetricUnit.Count, report.attached);
  metrics.addMetric('pulled_recorded', MetricUnit.Count, report.pulled);
  return report;
})
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics));
