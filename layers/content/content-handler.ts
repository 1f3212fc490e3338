import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { BackendUnavailable } from '../core/backend-unavailable';
import { CACHE } from './cache-policy';
import { decodeContentPath } from './content-path';
import { htmlPage, notFoundPage, redirect, type ContentResult } from './content-responses';
import type { DeliveryContext } from './delivery-context';
import { renderDirectoryListing } from './directory-listing';
import { servePath } from './serve-path';

const PREFIX = '/pulp/content/';

/**
 * Serves `/pulp/content/`: the root lists the distributions' base paths (and answers HEAD for
 * health checks); deeper paths resolve to a distribution and what it serves. The Function
 * URL keeps rawPath percent-encoded: it is decoded here, segment by segment.
 */
export async function handleContentRequest(event: APIGatewayProxyEventV2, ctx: DeliveryContext): Promise<ContentResult> {
  const method = event.requestContext.http.method;
  if (method !== 'GET' && method !== 'HEAD') {
    return { statusCode: 405, headers: { allow: 'GET, HEAD' }, body: '' };
  }
  const head = method === 'HEAD';
  const raw = event.rawPath;
  if (raw === PREFIX.slice(0, -1)) return redirect(301, PREFIX, CACHE.permanentRedirect);
  if (!raw.startsWith(PREFIX)) return notFoundPage(head);
  const rest = raw.slice(PREFIX.length);
  if (rest === '') {
    const entries = (await ctx.reader.listBasePaths()).map((d) => ({ name: d.basePath, isDirectory: true, size: null, modified: null }));
    return htmlPage(200, renderDirectoryListing(PREFIX, entries, { parent: false }), head, CACHE.listing);
  }
  const path = decodeContentPath(rest);
  if (!path) return notFoundPage(head);
  const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  try {
    const req = { head, headers, rawPath: raw, rawQuery: event.rawQueryString ?? '', sourceIp: event.requestContext.http.sourceIp ?? '' };
    return await servePath(ctx, req, path);
  } catch (err) {
    if (err instanceof BackendUnavailable) {
      ctx.logger.warn('Content request could not reach a backend', { path: raw, error: err.message });
      return { statusCode: 503, headers: { 'retry-after': '5', 'cache-control': 'no-store' }, body: '' };
    }
    const error = err instanceof Error ? { message: err.message, stack: err.stack } : { message: String(err) };
    ctx.logger.error('Content request failed', { path: raw, error });
    return { statusCode: 500, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': CACHE.notFound }, body: head ? '' : '<h1>500: Internal Server Error</h1>' };
  }
}
