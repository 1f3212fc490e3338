import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createApp, type App, type AppOverrides } from '../../layers/app/app';
import type { Logger } from '../../layers/core/logger';
import { installedPlugins } from '../../layers/plugins';
import type { TestStack } from './test-stack';

/** An API Gateway HTTP API (v2) event for a URL, as the gateway or a Function URL sends it. */
export function httpEvent(method: string, url: string, headers: Record<string, string> = {}, sourceIp = '192.0.2.10'): APIGatewayProxyEventV2 {
  const u = new URL(url);
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: u.pathname,
    rawQueryString: u.search.slice(1),
    headers: { host: u.host, ...headers },
    requestContext: { http: { method, path: u.pathname, sourceIp } },
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}

export const quiet: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** Another instance of the stack's app (another Lambda environment): same database, bucket and queues, its own keys. */
export function anotherInstance(stack: TestStack, overrides: AppOverrides = {}): App {
  return createApp(stack.config, installedPlugins, quiet, overrides);
}
