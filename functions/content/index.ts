import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { handleContentRequest } from '../../layers/content/content-handler';
import { withTimeBudget } from '../../layers/core/time-budget';
import { getApp } from '../shared/app';
import { logger, metrics } from '../shared/powertools';

/** A stalled delivery index ends the request with 503 well before CloudFront's 30 s origin timeout. */
const CONTENT_BUDGET_MS = 15_000;

/** The content app behind CloudFront: resolves paths, lists directories, redirects to artifacts. */
export const handler = middy(async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const app = getApp();
  const response = await withTimeBudget(CONTENT_BUDGET_MS, () => handleContentRequest(event, app.delivery));
  metrics.addMetric(`content_${String(response.statusCode ?? 200)[0]}xx`, MetricUnit.Count, 1);
  return response;
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics));
