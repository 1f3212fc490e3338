import { describe, expect, it } from 'vitest';
import { formatProblem, PATH_ERROR, URL_ERROR, URL_SCHEME_ERROR, URL_SPACE_ERROR } from '../../../../layers/http/schema/text-formats';

describe('formatProblem', () => {
  const cases: Array<[string, 'path' | 'url', string, string | undefined]> = [
    ['a relative path', 'path', 'a/b/c.iso', undefined],
    ['a path with spaces, commas and percent signs', 'path', 'my dir/100% done,v2.txt', undefined],
    ['a parent segment', 'path', '../x', PATH_ERROR],
    ['an absolute path', 'path', '/etc/passwd', PATH_ERROR],
    ['an empty segment', 'path', 'a//b', PATH_ERROR],
    ['encoded dots', 'path', 'a/%2E%2e/b', PATH_ERROR],
    ['a backslash', 'path', 'a\\b', PATH_ERROR],
    ['an https URL', 'url', 'https://example.com/repo/PULP_MANIFEST', undefined],
    ['an http URL with a port', 'url', 'http://127.0.0.1:8080/x', undefined],
    ['a file URL', 'url', 'file:///etc/passwd', URL_SCHEME_ERROR],
    ['a gopher URL', 'url', 'gopher://h:70/', URL_SCHEME_ERROR],
    ['a javascript URL', 'url', 'javascript:alert(1)', URL_SCHEME_ERROR],
    ['a space inside', 'url', 'http://h/a b', URL_SPACE_ERROR],
    ['a scheme-relative URL', 'url', '//h/x', URL_ERROR],
    ['no host', 'url', 'http://', URL_ERROR],
    ['words', 'url', 'not a url', URL_SPACE_ERROR],
  ];
  it.each(cases)('judges %s', (_label, format, text, expected) => {
    // Act
    const problem = formatProblem(format, text);
    // Assess
    expect(problem).toBe(expected);
  });
});
