import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { parseTaskMessage } from '../../layers/adapters/sqs/sqs-task-queue';
import { getApp, workerName } from '../shared/app';
import { logger, metrics, tracer } from '../shared/powertools';
import { safetyMarginMs } from './safety-margin';

async function runRecord(record: SQSRecord, context: Context): Promise<void> {
  const app = getApp();
  const heartbeat = app.heartbeat('worker');
  await heartbeat.beat();
  const { taskId, resume } = parseTaskMessage(record.body);
  logger.appendKeys({ taskId });
  // Beat while the task runs, so the sweeper can tell a long task from a dead worker.
  const beating = setInterval(
    () => void heartbeat.beat().catch(() => undefined),
    Math.max(1000, (app.config.workerTtlSeconds * 1000) / 3),
  );
  try {
    const result = await app.runner.handle(taskId, {
      workerName,
      remainingTimeMs: () => context.getRemainingTimeInMillis() - safetyMarginMs(app.config.workerTimeoutSeconds),
      receiveCount: Number.parseInt(record.attributes.ApproximateReceiveCount ?? '1', 10),
      resume,
    });
    metrics.addMetric(`tasks_${result.replace('-', '_')}`, MetricUnit.Count, 1);
    // Not deleting it lets SQS move the poison message to the DLQ, where an alarm sees it.
    if (result === 'poisoned') throw new Error(`Task ${taskId}: message received too often; failed and dead-lettered`);
  } finally {
    clearInterval(beating);
  }
}

/**
 * FIFO wake-ups: a record that throws (the database is down, say) is reported as a batch
 * item failure and so is every later record of the batch, keeping each group in order.
 */
export const handler = middy(
  async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    processPartialResponse(event, runRecord, new SqsFifoPartialProcessorAsync(), {
      context,
      // Report every failed record rather than throw: a Lambda error is kept for real crashes.
      throwOnFullBatchFailure: false,
    }),
)
  .use(captureLambdaHandler(tracer))
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics));
