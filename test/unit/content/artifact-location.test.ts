import { describe, expect, it } from 'vitest';
import { artifactUrl, contentOrigin } from '../../../layers/content/artifact-location';

const SHA = 'ab'.repeat(32);

describe('contentOrigin', () => {
  const cases: Array<[string | undefined, Record<string, string>, string]> = [
    ['https://cdn.example.com/', { host: 'ignored' }, 'https://cdn.example.com'],
    [undefined, { 'x-forwarded-host': 'd1.cloudfront.net', host: 'lambda-url.aws', 'x-forwarded-proto': 'https' }, 'https://d1.cloudfront.net'],
    [undefined, { host: '127.0.0.1:8080', 'x-forwarded-proto': 'http' }, 'http://127.0.0.1:8080'],
    [undefined, { host: 'h' }, 'https://h'],
    [undefined, { 'x-forwarded-host': 'a.example, b.example', 'x-forwarded-proto': 'https, http' }, 'https://a.example'],
  ];
  it.each(cases)('configured %s with %j', (configured, headers, expected) => {
    // Prepare
    const input = headers;
    // Act
    const origin = contentOrigin(configured, input);
    // Assess
    expect(origin).toBe(expected);
  });

  it('points artifact URLs at the fanned-out sha256 key', () => {
    // Prepare
    const origin = 'https://cdn';
    // Act
    const url = artifactUrl(origin, SHA);
    // Assess
    expect(url).toBe(`https://cdn/artifacts/ab/ab/${SHA}`);
  });
});
