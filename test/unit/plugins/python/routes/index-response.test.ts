import { describe, expect, it } from 'vitest';
import type { ApiRequest } from '../../../../../layers/plugin-api';
import { gunzipSync } from 'node:zlib';
import { acceptsGzip, etagOf, indexPage, matches, pageBody } from '../../../../../layers/plugins/python/routes/index-response';

const request = (headers: Record<string, string> = {}) => ({ headers }) as unknown as ApiRequest;

describe('index responses', () => {
  it('a validator is quoted, stable and changes with its parts', () => {
    // Act
    const a = etagOf('v1', 'text/html');

    // Assess
    expect(a).toMatch(/^"[0-9a-f]{40}"$/);
    expect(etagOf('v1', 'text/html')).toBe(a);
    expect(etagOf('v2', 'text/html')).not.toBe(a);
    expect(etagOf('v1text/', 'html')).not.toBe(etagOf('v1', 'text/html'));
  });

  it.each([
    [undefined, false],
    ['"x"', true],
    ['W/"x"', true],
    ['"y", "x"', true],
    ['*', true],
    ['"y"', false],
  ])('If-None-Match %s matches "x": %s', (header, expected) => {
    // Act / Assess
    expect(matches(request(header === undefined ? {} : { 'if-none-match': header }), '"x"')).toBe(expected);
  });

  it.each([
    ['"x-gz"', true],
    ['W/"x-gz"', true],
    ['"y-gz"', false],
  ])('If-None-Match %s (the gzip form) matches "x": %s', (header, expected) => {
    // Act / Assess
    expect(matches(request({ 'if-none-match': header }), '"x"')).toBe(expected);
  });

  it.each([
    ['gzip, deflate', true],
    ['br;q=1, GZIP;q=0.5', true],
    ['*', true],
    ['gzip;q=0', false],
    ['identity', false],
    ['', false],
  ])('Accept-Encoding %s takes gzip: %s', (header, expected) => {
    // Act / Assess
    expect(acceptsGzip(request({ 'accept-encoding': header }))).toBe(expected);
  });

  it('answers the page with its headers, or 304 with the validator repeated', async () => {
    // Prepare
    const body = '<html></html>';

    // Act
    const page = await indexPage(request(), pageBody(body), 'text/html');
    const again = await indexPage(request({ 'if-none-match': page.headers!.ETag! }), pageBody(body), 'text/html');

    // Assess
    expect(page).toMatchObject({ status: 200, body, headers: { 'Content-Type': 'text/html', Vary: 'Accept, Accept-Encoding', 'X-PyPI-Last-Serial': '1000000000' } });
    expect(page.headers!['Cache-Control']).toMatch(/max-age=\d+/);
    expect(again.status).toBe(304);
    expect(again.body).toBeUndefined();
    expect(again.headers!.ETag).toBe(page.headers!.ETag);
  });

  it('gzips for clients that take it, under a validator of its own', async () => {
    // Prepare
    const body = '{"files": []}'.repeat(100);
    const gzipping = request({ 'accept-encoding': 'gzip' });

    // Act
    const page = await indexPage(gzipping, pageBody(body), 'application/vnd.pypi.simple.v1+json', '"t"');
    const again = await indexPage(request({ 'accept-encoding': 'gzip', 'if-none-match': page.headers!.ETag! }), pageBody(body), 'text/html', '"t"');

    // Assess
    expect(page.headers).toMatchObject({ 'Content-Encoding': 'gzip', ETag: '"t-gz"', 'Content-Type': 'application/vnd.pypi.simple.v1+json' });
    expect(gunzipSync(page.body as Buffer).toString()).toBe(body);
    expect(again).toMatchObject({ status: 304, headers: { ETag: '"t-gz"' } });
  });
});
