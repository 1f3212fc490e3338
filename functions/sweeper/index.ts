import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { runMaintenance, type MaintenanceReport } from '../../layers/app/maintenance';
import { getApp } from '../shared/app';
import { logger, metrics } from '../shared/powertools';
import { sweepOptions } from './options';

/**
 * Runs every minute (EventBridge): fails abandoned tasks, re-wakes stale ones, forgets gone
 * workers, records on-demand fetches, and now and then reconciles the delivery index.
 */
export const handler = middy(async (): Promise<MaintenanceReport> => {
  const app = getApp();
  const report = await runMaintenance(app, sweepOptions(app.config.workerTtlSeconds), { reconcileEveryMinutes: 15 });
  metrics.addMetric('tasks_abandoned', MetricUnit.Count, report.failed.length);
  metrics.addMetric('tasks_rewoken', MetricUnit.Count, report.rewoken.length);
  metrics.addMetric('ondemand_recorded', MetricUnit.Count, report.attached);
  return report;
})
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics));
