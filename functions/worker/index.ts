import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { retryDelaySeconds, SqsMessageVisibility } from '../../layers/adapters/sqs/sqs-message-visibility';
import { parseTaskMessage } from '../../layers/adapters/sqs/sqs-task-queue';
import { getApp, workerName } from '../shared/app';
import { logger, metrics } from '../shared/powertools';
import { sdkTracing } from '../shared/tracing';
import { safetyMarginMs } from './safety-margin';

/**
 * While a record is worked on its message stays hidden this long at a time (renewed), from
 * HOLD_AFTER_MS on: a record done sooner costs no visibility call.
 */
const HOLD_SECONDS = 60;
const HOLD_AFTER_MS = 2_000;
const DEFAULT_RETRY_BASE_SECONDS = 10;

async function runRecord(record: SQSRecord, context: Context): Promise<void> {
  const app = getApp();
  const visibility = new SqsMessageVisibility(app.sqs, app.config.taskQueueUrl);
  const receiveCount = Number.parseInt(record.attributes.ApproximateReceiveCount ?? '1', 10);
  // Not the queue's 6 x timeout: a crashed invocation's message is back within a minute.
  const hold = visibility.hold(record.receiptHandle, HOLD_SECONDS, HOLD_AFTER_MS);
  const heartbeat = app.heartbeat('worker');
  // Beat while the task runs, for status/ (the task's own lease tells the sweeper it lives).
  const beating = setInterval(
    () => void heartbeat.beat().catch(() => undefined),
    Math.max(1000, (app.config.workerTtlSeconds * 1000) / 3),
  );
  try {
    await heartbeat.beat().catch(() => undefined);
    const { taskId, resume } = parseTaskMessage(record.body);
    logger.appendKeys({ taskId });
    const result = await app.runner.handle(taskId, {
      workerName,
      remainingTimeMs: () => context.getRemainingTimeInMillis() - safetyMarginMs(app.config.workerTimeoutSeconds),
      receiveCount,
      resume,
    });
    metrics.addMetric(`tasks_${result.replace('-', '_')}`, MetricUnit.Count, 1);
    // Not deleting it lets SQS move the poison message to the DLQ, where the sweeper finds it.
    if (result === 'poisoned') throw new Error(`Task ${taskId}: message received too often; failed and dead-lettered`);
  } catch (err) {
    // Back soon with backoff rather than after the queue's visibility timeout, which would
    // hold every later task of this resource's group meanwhile; at the last receive, at once.
    hold.stop();
    const delay = retryDelaySeconds(receiveCount, app.config.maxReceiveCount, app.config.taskRetryBaseSeconds ?? DEFAULT_RETRY_BASE_SECONDS);
    await visibility.set(record.receiptHandle, delay).catch(() => undefined);
    metrics.addMetric('task_deliveries_failed', MetricUnit.Count, 1);
    logger.warn('Task message failed; it comes back after a backoff', { delaySeconds: delay, receiveCount, error: String(err) });
    throw err;
  } finally {
    hold.stop();
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
  .use(sdkTracing())
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics));
