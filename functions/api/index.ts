import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { withTimeBudget } from '../../layers/core/time-budget';
import { getApp, HEARTBEAT_BUDGET_MS } from '../shared/app';
import { logger, metrics } from '../shared/powertools';
import { sdkTracing } from '../shared/tracing';

/** The REST API behind API Gateway: the app's route table answers every request. */
export const handler = middy(async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const app = getApp();
  // status/ lists API apps seen within WORKER_TTL; a failed or stalled beat must not fail or hold the request.
  await withTimeBudget(HEARTBEAT_BUDGET_MS, () => app.heartbeat('api').beat()).catch(() => undefined);
  // Keeps the sweeper using Postgres while the API is in use (it otherwise lets Aurora pause).
  await withTimeBudget(HEARTBEAT_BUDGET_MS, () => app.markActivity()).catch(() => undefined);
  const response = await app.router.handle(event, app);
  // Handler-level outcome counts; API Gateway's own metrics cannot tell our 4xx from its own.
  metrics.addMetric(`api_${String(response.statusCode ?? 200)[0]}xx`, MetricUnit.Count, 1);
  return response;
})
  .use(sdkTracing())
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics));
