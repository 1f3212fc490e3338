import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { App } from '../app/app';

const PREFIX = '/pulp/content/';

function html(status: number, body: string, method: string): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' },
    body: method === 'HEAD' ? '' : body,
  };
}

/**
 * Serves `/pulp/content/`. The root answers HEAD for health checks (Pulp's own probe) and
 * lists distributions; deeper paths are resolved by the content plugins.
 */
export async function handleContentRequest(
  event: APIGatewayProxyEventV2,
  _app: App,
): Promise<APIGatewayProxyStructuredResultV2> {
  const method = event.requestContext.http.method;
  if (method !== 'GET' && method !== 'HEAD') {
    return { statusCode: 405, headers: { allow: 'GET, HEAD' }, body: '' };
  }
  const path = event.rawPath;
  if (path === PREFIX) {
    return html(200, '<!DOCTYPE html><html><head><title>Index of /pulp/content/</title></head><body><h1>Index of /pulp/content/</h1><hr></body></html>', method);
  }
  return html(404, '<html><body><h1>404: Not Found</h1></body></html>', method);
}
