import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { negotiateSimpleContentType, SIMPLE_HTML, SIMPLE_JSON, TEXT_HTML } from '../../../../../layers/plugins/python/index/negotiation';

describe('negotiateSimpleContentType', () => {
  it.each([
    ['pip', 'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html; q=0.1, text/html; q=0.01', SIMPLE_JSON],
    ['uv', 'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01', SIMPLE_JSON],
    ['latest JSON', 'application/vnd.pypi.simple.latest+json', SIMPLE_JSON],
    ['latest HTML', 'application/vnd.pypi.simple.latest+html', SIMPLE_HTML],
    ['v1 HTML', 'application/vnd.pypi.simple.v1+html', SIMPLE_HTML],
    ['HTML preferred by q', 'application/vnd.pypi.simple.v1+json;q=0.5, text/html', TEXT_HTML],
    ['JSON preferred by q over a wildcard', '*/*;q=0.1, application/vnd.pypi.simple.v1+json', SIMPLE_JSON],
    ['case and spacing', 'Application/VND.PyPI.Simple.V1+JSON ;  Q=1', SIMPLE_JSON],
    ['a tie between JSON and HTML', 'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html', SIMPLE_HTML],
    ['a tie of all three', 'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html, text/html', TEXT_HTML],
    ['*/*', '*/*', TEXT_HTML],
    ['application/*', 'application/*', SIMPLE_HTML],
    ['empty', '', TEXT_HTML],
    ['application/json', 'application/json', TEXT_HTML],
    ['unknown', 'image/png', TEXT_HTML],
    ['everything refused', 'text/html;q=0, application/vnd.pypi.simple.v1+json;q=0', TEXT_HTML],
    ['JSON refused, the rest by wildcard', 'application/vnd.pypi.simple.v1+json;q=0, */*', TEXT_HTML],
    ['a malformed q-value', 'application/vnd.pypi.simple.v1+json;q=2, text/html;q=0.5', TEXT_HTML],
    ['junk', ';;;,,, /, a/, /b', TEXT_HTML],
  ])('%s → its type', (_, accept, expected) => {
    // Act / Assess
    expect(negotiateSimpleContentType(accept)).toBe(expected);
  });

  it.each([
    [null, TEXT_HTML],
    [undefined, TEXT_HTML],
  ])('no header (%s) → text/html', (accept, expected) => {
    // Act / Assess
    expect(negotiateSimpleContentType(accept)).toBe(expected);
  });

  it.each([
    ['application/vnd.pypi.simple.v1+json', 'text/html', SIMPLE_JSON],
    ['application/vnd.pypi.simple.latest+json', null, SIMPLE_JSON],
    ['text/html', 'application/vnd.pypi.simple.v1+json', TEXT_HTML],
    ['', 'application/vnd.pypi.simple.v1+json', SIMPLE_JSON],
    ['bogus', 'application/vnd.pypi.simple.v1+json', TEXT_HTML],
  ])('?format=%s overrides Accept %s', (format, accept, expected) => {
    // Act / Assess
    expect(negotiateSimpleContentType(accept, format)).toBe(expected);
  });

  it.each(['__proto__', 'constructor', 'toString'])('answers text/html for a format named like an Object property (%s)', (format) => {
    expect(negotiateSimpleContentType('', format)).toBe(TEXT_HTML);
  });

  it('fuzz: always one of the three types', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), fc.option(fc.string({ maxLength: 40 })), (accept, format) => {
        // Act / Assess
        expect([SIMPLE_JSON, SIMPLE_HTML, TEXT_HTML]).toContain(negotiateSimpleContentType(accept, format));
      }),
    );
  });
});
