import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { App } from '../../layers/app/app';
import { apiRoutes } from '../../layers/http/api-routes';
import { parseBasicAuthorization } from '../../layers/http/basic-auth';
import { createRouter } from '../../layers/http/router';
import { getApp } from '../shared/app';
import { appHeartbeat } from '../shared/app-heartbeat';
import { logger, metrics, tracer } from '../shared/powertools';

// Built once per environment: the route table compiles to a matcher and, lazily, the document.
const router = createRouter<App>(apiRoutes(), {
  authenticate: (authorization, app) => app.auth.authenticate(parseBasicAuthorization(authorization)),
  onError: (error, where) => logger.error('Unhandled error in API route', { error: error as Error, ...where }),
  onUndeclaredStatus: (info) => logger.error('Route answered a status its OpenAPI operation does not declare', info),
});

export const handler = middy(async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const app = getApp();
  // status/ lists API apps seen within WORKER_TTL; a failed beat must not fail the request.
  await appHeartbeat(app, 'api').beat().catch(() => undefined);
  const response = await router.handle(event, app);
  // Handler-level outcome counts; API Gateway's own metrics cannot tell our 4xx from its own.
  metrics.addMetric(`api_${String(response.statusCode ?? 200)[0]}xx`, MetricUnit.Count, 1);
  return response;
})
  .use(captureLambdaHandler(tracer))
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics));
