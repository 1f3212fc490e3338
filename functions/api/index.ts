import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { App } from '../../layers/app/app';
import { apiRoutes } from '../../layers/http/api-routes';
import { createRouter } from '../../layers/http/router';
import { getApp } from '../shared/app';
import { logger, metrics, tracer } from '../shared/powertools';

// Built once per environment: the route table compiles to a matcher and, lazily, the document.
const router = createRouter<App>(apiRoutes(), {
  authenticate: (authorization, app) => app.auth.authenticate(authorization),
  onError: (error, where) => logger.error('Unhandled error in API route', { error: error as Error, ...where }),
});

export const handler = middy(
  async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => router.handle(event, getApp()),
)
  .use(captureLambdaHandler(tracer))
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics));
