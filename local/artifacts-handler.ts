import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { App } from '../layers/app/app';
import { contentOrigin } from '../layers/content/artifact-location';
import { signedUrlProblem } from '../layers/core/signing/cloudfront-url';
import type { HttpLambdaHandler } from './lambda-http-server';

const KEY = /^\/(artifacts\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64})$/;

/**
 * Stands in for CloudFront's S3 origin at `/artifacts/*`: immutable, content-addressed
 * objects with long cache lifetimes and byte ranges, behind the same signed-URL check
 * CloudFront's trusted key group makes (the signature and expiry in the query, checked
 * against the public keys in force, the previous one included during a rotation).
 */
export function artifactsHandler(app: App): HttpLambdaHandler {
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const match = KEY.exec(event.rawPath);
    const method = event.requestContext.http.method;
    if (!match || (method !== 'GET' && method !== 'HEAD')) return { statusCode: 404, body: '' };
    const keys = (await app.access.signing.material()).artifacts;
    if (keys) {
      const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
      const resource = `${contentOrigin(app.config.contentOrigin, headers)}${event.rawPath}`;
      const problem = signedUrlProblem(resource, event.rawQueryString ?? '', keys.verify);
      if (problem) return { statusCode: 403, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }, body: problem };
    }
    const key = match[1]!;
    const size = await app.blobs.size(key);
    if (size === undefined) return { statusCode: 404, body: '' };
    const headers: Record<string, string> = {
      'content-type': 'application/octet-stream',
      'cache-control': 'public, max-age=31536000, immutable',
      'accept-ranges': 'bytes',
    };
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
