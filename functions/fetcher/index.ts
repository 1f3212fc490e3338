import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { parseFetchJob } from '../../layers/adapters/sqs/sqs-fetch-queue';
import { getApp } from '../shared/app';
import { logger, metrics } from '../shared/powertools';

async function fetchRecord(record: SQSRecord, context?: Context): Promise<void> {
  const app = getApp();
  const job = parseFetchJob(record.body);
  const attempt = Number.parseInt(record.attributes.ApproximateReceiveCount ?? '1', 10);
  logger.appendKeys({ jobId: job.jobId, jobKey: job.key, jobKind: job.kind });
  const deadline = context ? Date.now() + context.getRemainingTimeInMillis() : undefined;
  await app.fetcher.fetch(job, { attempt, lastAttempt: attempt >= app.config.fetchMaxReceiveCount, ...(deadline !== undefined ? { deadline } : {}) });
  metrics.addMetric('files_fetched', MetricUnit.Count, job.kind === 'files' ? job.files.length : job.kind === 'documents' ? job.urls.length : 1);
}

/**
 * A fetcher, outside the VPC: streams the files of each download message from its upstream into S3,
 * verified, and reports it for the sync waiting on it. A record that throws is retried by the
 * queue (the others of the batch are not), then dead-lettered.
 */
export const handler = middy(
  async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    processPartialResponse(event, fetchRecord, new BatchProcessor(EventType.SQS), { context, throwOnFullBatchFailure: false }),
)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics));
