import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { preauthenticateUrl, redirectUrlProblem } from '../../../../layers/core/signing/redirect-url';

const A = randomBytes(32);
const B = randomBytes(32);
const GUARD = 'guard-1';
const NOW = Date.UTC(2026, 0, 1);

function requestOf(url: string): { path: string; query: string } {
  const u = new URL(url, 'http://h');
  return { path: u.pathname, query: u.search.slice(1) };
}

describe('content_redirect preauthenticated URLs', () => {
  const signed = requestOf(preauthenticateUrl({ current: A }, GUARD, 'http://h/pulp/content/d/a%20b.txt?x=1', NOW));

  it.each([
    { name: 'valid with the key that signed it', ring: { current: A }, at: NOW, guard: GUARD, tamper: (q: string) => q, problem: undefined },
    { name: 'valid with it as the verify-only previous key', ring: { current: B, previous: A }, at: NOW, guard: GUARD, tamper: (q: string) => q, problem: undefined },
    { name: 'refused once the previous key is retired', ring: { current: B }, at: NOW, guard: GUARD, tamper: (q: string) => q, problem: 'Access not authenticated' },
    { name: 'refused after it expires', ring: { current: A }, at: NOW + 3601_000, guard: GUARD, tamper: (q: string) => q, problem: 'Authentication expired' },
    { name: 'refused for another guard', ring: { current: A }, at: NOW, guard: 'guard-2', tamper: (q: string) => q, problem: 'Access not authenticated' },
    { name: 'refused with a changed parameter', ring: { current: A }, at: NOW, guard: GUARD, tamper: (q: string) => q.replace('x=1', 'x=2'), problem: 'Access not authenticated' },
    { name: 'refused with a later expiry', ring: { current: A }, at: NOW, guard: GUARD, tamper: (q: string) => q.replace(/expires=\d+/, 'expires=9999999999'), problem: 'Access not authenticated' },
    { name: 'refused without a token', ring: { current: A }, at: NOW, guard: GUARD, tamper: (q: string) => q.replace(/&validate_token=.*/, ''), problem: 'Access not authenticated' },
  ])('$name', ({ ring, at, guard, tamper, problem }) => {
    expect(redirectUrlProblem(ring, guard, signed.path, tamper(signed.query), at)).toBe(problem);
  });

  it('keeps the path, the query and the origin it was given', () => {
    expect(preauthenticateUrl({ current: A }, GUARD, 'http://h/pulp/content/d/f?x=1', NOW)).toMatch(
      /^http:\/\/h\/pulp\/content\/d\/f\?x=1&expires=\d+&validate_token=[0-9a-f]{32}:[0-9a-f]{64}$/,
    );
  });
});
