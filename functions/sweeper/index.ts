import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { SweepReport } from '../../layers/core/tasks/task-sweeper';
import { getApp } from '../shared/app';
import { logger, metrics } from '../shared/powertools';
import { sweepOptions } from './options';

/** Runs every minute (EventBridge): fails abandoned tasks, re-wakes stale ones, forgets gone workers. */
export const handler = middy(async (): Promise<SweepReport> => {
  const app = getApp();
  const report = await app.sweeper.sweep(sweepOptions(app.config.workerTtlSeconds));
  metrics.addMetric('tasks_abandoned', MetricUnit.Count, report.failed.length);
  metrics.addMetric('tasks_rewoken', MetricUnit.Count, report.rewoken.length);
  return report;
})
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics));
