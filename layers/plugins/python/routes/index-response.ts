// The HTTP side of index pages: negotiated type, validators, gzip, cache headers, 304s.

import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { ApiRequest, ApiResponse } from '../../../plugin-api';
import { VARY } from '../index/negotiation';

const gzipAsync = promisify(gzip);

/** pulp_python's constant serial; sync clients (bandersnatch) want a non-zero one. */
export const LAST_SERIAL = 1_000_000_000;
/** Index pages change with each new version: clients may reuse one briefly, then revalidate. */
export const INDEX_CACHE_CONTROL = 'public, max-age=30';
/** The gzip form of a page has a validator of its own (RFC 9110: one per representation). */
const GZIP_TAG = '-gz';

/** A page's text, and its gzip form on demand (cached by the caller when the page is). */
export interface PageBody {
  text: string;
  gzip(): Promise<Buffer>;
}

export const pageBody = (text: string): PageBody => ({ text, gzip: () => gzipAsync(text) });

/** A strong validator from what the page is made of (or from the page itself). */
export function etagOf(...parts: string[]): string {
  return `"${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 40)}"`;
}

const gzipTag = (etag: string): string => `${etag.slice(0, -1)}${GZIP_TAG}"`;

/** Whether the request's If-None-Match names this ETag, in either encoding (weak comparison, as for GET). */
export function matches(req: ApiRequest, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => {
    const t = tag.trim().replace(/^W\//, '');
    return t === etag || t === gzipTag(etag);
  });
}

/** Whether the client takes gzip (pip, uv and browsers do; index pages of big projects shrink tenfold). */
export function acceptsGzip(req: ApiRequest): boolean {
  return (req.headers['accept-encoding'] ?? '').split(',').some((part) => {
    const [coding = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    return (coding === 'gzip' || coding === '*') && (!q || Number(q.slice(2)) > 0);
  });
}

function headers(etag: string, contentType?: string): Record<string, string> {
  return {
    ...(contentType ? { 'Content-Type': contentType } : {}),
    ETag: etag,
    'Cache-Control': INDEX_CACHE_CONTROL,
    Vary: `${VARY}, Accept-Encoding`,
    'X-PyPI-Last-Serial': String(LAST_SERIAL),
  };
}

/** 304 with the validator repeated (uv needs the ETag on it too). */
export function notModified(req: ApiRequest, etag: string): ApiResponse {
  return { status: 304, headers: headers(acceptsGzip(req) ? gzipTag(etag) : etag) };
}

/** A page (gzipped when the client takes it), or 304 when the client holds it already; `etag` defaults to the text's digest. */
export async function indexPage(req: ApiRequest, body: PageBody, contentType: string, etag = etagOf(contentType, body.text)): Promise<ApiResponse> {
  if (matches(req, etag)) return notModified(req, etag);
  if (!acceptsGzip(req)) return { status: 200, body: body.text, headers: headers(etag, contentType) };
  return { status: 200, body: await body.gzip(), headers: { ...headers(gzipTag(etag), contentType), 'Content-Encoding': 'gzip' } };
}
