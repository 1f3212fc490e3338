import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { CACHE } from './cache-policy';
import { escapeHtml } from './escape-html';

export type ContentResult = APIGatewayProxyStructuredResultV2;

/** An HTML page; HEAD gets the headers only. */
export function htmlPage(status: number, body: string, head: boolean, cache: string = CACHE.listing): ContentResult {
  return {
    statusCode: status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': cache, 'content-length': String(Buffer.byteLength(body)) },
    body: head ? '' : body,
  };
}

export function notFoundPage(head: boolean, what?: string): ContentResult {
  const detail = what ? `<p>${escapeHtml(what)}</p>` : '';
  return htmlPage(404, `<!DOCTYPE html><html><head><title>404: Not Found</title></head><body><h1>404: Not Found</h1>${detail}</body></html>`, head, CACHE.notFound);
}

export function errorPage(status: number, message: string, head: boolean): ContentResult {
  return htmlPage(status, `<!DOCTYPE html><html><head><title>${status}</title></head><body><h1>${status}</h1><p>${escapeHtml(message)}</p></body></html>`, head, CACHE.notFound);
}

export function redirect(status: 301 | 302, location: string, cache: string, extra: Record<string, string> = {}): ContentResult {
  return { statusCode: status, headers: { location, 'cache-control': cache, ...extra }, body: '' };
}

/** Bytes served by the Lambda itself (metadata, streamed content), base64 as Lambda wants binary. */
export function bytes(body: Buffer, contentType: string, head: boolean, cache: string, extra: Record<string, string> = {}): ContentResult {
  return {
    statusCode: 200,
    headers: { 'content-type': contentType, 'content-length': String(body.length), 'cache-control': cache, ...extra },
    body: head ? '' : body.toString('base64'),
    isBase64Encoded: !head,
  };
}
