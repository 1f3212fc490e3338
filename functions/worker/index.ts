import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { parseTaskMessage } from '../../layers/adapters/sqs/sqs-task-queue';
import { getApp } from '../shared/app';
import { workerHeartbeat, workerName } from './identity';
import { logger, metrics, tracer } from '../shared/powertools';


async function runRecord(record: SQSRecord, context: Context): Promise<void> {
  const app = getApp();
  await workerHeartbeat(app).beat();
  const { taskId } = parseTaskMessage(record.body);
  logger.appendKeys({ taskId });
  const result = await app.runner.handle(taskId, {
    workerName,
    remainingTimeMs: () => context.getRemainingTimeInMillis(),
    receiveCount: Number.parseInt(record.attributes.ApproximateReceiveCount ?? '1', 10),
  });
  metrics.addMetric(`tasks_${result.replace('-', '_')}`, MetricUnit.Count, 1);
}

/**
 * FIFO wake-ups: a record that throws (the database is down, say) is reported as a batch
 * item failure and so is every later record of the batch, keeping each group in order.
 */
export const handler = middy(
  async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    processPartialResponse(event, runRecord, new SqsFifoPartialProcessorAsync(), { context }),
)
  .use(captureLambdaHandler(tracer))
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics));
