import { describe, expect, it } from 'vitest';
import type { ApiRequest } from '../../../../../layers/plugin-api';
import { etagOf, indexPage, matches } from '../../../../../layers/plugins/python/routes/index-response';

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

  it('answers the page with its headers, or 304 with the validator repeated', () => {
    // Prepare
    const body = '<html></html>';

    // Act
    const page = indexPage(request(), body, 'text/html');
    const again = indexPage(request({ 'if-none-match': page.headers!.ETag! }), body, 'text/html');

    // Assess
    expect(page).toMatchObject({ status: 200, body, headers: { 'Content-Type': 'text/html', Vary: 'Accept', 'X-PyPI-Last-Serial': '1000000000' } });
    expect(page.headers!['Cache-Control']).toMatch(/max-age=\d+/);
    expect(again.status).toBe(304);
    expect(again.body).toBeUndefined();
    expect(again.headers!.ETag).toBe(page.headers!.ETag);
  });
});
