import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { App } from '../layers/app/app';
import { contentOrigin } from '../layers/content/artifact-location';
import { signedUrlProblem } from '../layers/core/signing/cloudfront-url';
import type { HttpLambdaHandler } from './lambda-http-server';

/** Paths served, as storage keys: artifacts by sha256 (immutable), published metadata files. */
const ARTIFACT = /^artifacts\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/;
const PUBLISHED = /^publications\/[^/]+\/[^/]+(\/[^/]+)*$/;
/** The local server mounts this handler at each of these prefixes. */
export const STORAGE_ROUTE_PREFIXES = ['/artifacts/', '/publications/'];

/**
 * Stands in for CloudFront's S3 origin at `/artifacts/*` (immutable, content-addressed
 * objects with long cache lifetimes and byte ranges), behind the same signed-URL check
 * CloudFront's trusted key group makes (the signature and expiry in the query, checked
 * against the public keys in force, the previous one included during a rotation); and for
 * the presigned URLs of the configured store: it serves from `app.blobs`, whichever backend
 * that is, honouring S3's `response-content-type` and `response-content-disposition`.
 */
export function artifactsHandler(app: App): HttpLambdaHandler {
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const method = event.requestContext.http.method;
    const key = storageKey(event.rawPath);
    if (!key || (method !== 'GET' && method !== 'HEAD')) return { statusCode: 404, body: '' };
    const keys = ARTIFACT.test(key) ? (await app.access.signing.material()).artifacts : undefined;
    if (keys) {
      const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
      const resource = `${contentOrigin(app.config.contentOrigin, headers)}${event.rawPath}`;
      const problem = signedUrlProblem(resource, event.rawQueryString ?? '', keys.verify);
      if (problem) return { statusCode: 403, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }, body: problem };
    }
    const size = await app.blobs.size(key);
    if (size === undefined) return { statusCode: 404, body: '' };
    const query = event.queryStringParameters ?? {};
    const headers: Record<string, string> = {
      'content-type': query['response-content-type'] ?? 'application/octet-stream',
      'accept-ranges': 'bytes',
    };
    if (ARTIFACT.test(key)) headers['cache-control'] = 'public, max-age=31536000, immutable';
    if (query['response-content-disposition']) headers['content-disposition'] = query['response-content-disposition'];
    const range = parseRange(event.headers.range, size);
    if (range === 'invalid') return { statusCode: 416, headers: { 'content-range': `bytes */${size}` }, body: '' };
    const status = range ? 206 : 200;
    const start = range?.start ?? 0;
    const end = range?.end ?? size - 1;
    if (range) headers['content-range'] = `bytes ${start}-${end}/${size}`;
    headers['content-length'] = String(size === 0 ? 0 : end - start + 1);
    if (method === 'HEAD' || size === 0) return { statusCode: status, headers, body: '' };
    const chunks: Buffer[] = [];
    for await (const chunk of await app.blobs.get(key, range ? { start, end } : undefined)) chunks.push(chunk as Buffer);
    return { statusCode: status, headers, body: Buffer.concat(chunks).toString('base64'), isBase64Encoded: true };
  };
}

/** The storage key a still-encoded path names, if it names one this handler serves. */
function storageKey(rawPath: string): string | undefined {
  let segments: string[];
  try {
    segments = rawPath.slice(1).split('/').map(decodeURIComponent);
  } catch {
    return undefined;
  }
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('/') || s.includes('\\') || s.includes('\0'))) return undefined;
  const key = segments.join('/');
  return ARTIFACT.test(key) || PUBLISHED.test(key) ? key : undefined;
}

function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'invalid' | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'invalid';
  if (m[1] === '') {
    const suffix = Number(m[2]);
    return suffix === 0 ? 'invalid' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  return start >= size || end < start ? 'invalid' : { start, end };
}
