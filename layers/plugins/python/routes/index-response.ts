// The HTTP side of index pages: negotiated type, validators and cache headers, 304s.

import { createHash } from 'node:crypto';
import type { ApiRequest, ApiResponse } from '../../../plugin-api';
import { VARY } from '../index/negotiation';

/** pulp_python's constant serial; sync clients (bandersnatch) want a non-zero one. */
export const LAST_SERIAL = 1_000_000_000;
/** Index pages change with each new version: clients may reuse one briefly, then revalidate. */
export const INDEX_CACHE_CONTROL = 'public, max-age=30';

/** A strong validator from what the page is made of (or from the page itself). */
export function etagOf(...parts: string[]): string {
  return `"${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 40)}"`;
}

/** Whether the request's If-None-Match names this ETag (weak comparison, as for GET). */
export function matches(req: ApiRequest, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

function headers(etag: string, contentType?: string): Record<string, string> {
  return {
    ...(contentType ? { 'Content-Type': contentType } : {}),
    ETag: etag,
    'Cache-Control': INDEX_CACHE_CONTROL,
    Vary: VARY,
    'X-PyPI-Last-Serial': String(LAST_SERIAL),
  };
}

/** 304 with the validator repeated (uv needs the ETag on it too). */
export const notModified = (etag: string): ApiResponse => ({ status: 304, headers: headers(etag) });

/** A page, or 304 when the client holds it already; `etag` defaults to the body's digest. */
export function indexPage(req: ApiRequest, body: string, contentType: string, etag = etagOf(contentType, body)): ApiResponse {
  if (matches(req, etag)) return notModified(etag);
  return { status: 200, body, headers: headers(etag, contentType) };
}
