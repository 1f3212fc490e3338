import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSafeRelativePath } from '../../../../layers/core/content/relative-path';

/** Segment characters that carry no path structure: no separators, escapes or controls. */
const segment = fc
  .string({ unit: fc.string({ minLength: 1, maxLength: 1 }).filter((c) => !/[/\\%\u0000-\u001f\u007f]/.test(c)), minLength: 1, maxLength: 12 })
  .filter((s) => s !== '.' && s !== '..');
const safePath = fc.array(segment, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('/'));

describe('isSafeRelativePath', () => {
  const cases: Array<[string, boolean]> = [
    ['a', true],
    ['a/b/c.txt', true],
    ['..a/b..', true],
    ['100%/x', true],
    ['a/%41', true],
    ['', false],
    ['/a', false],
    ['a/', false],
    ['a//b', false],
    ['.', false],
    ['a/./b', false],
    ['a/../b', false],
    ['%2e%2e/x', false],
    ['a/.%2E', false],
    ['a%2fb', false],
    ['a%5cb', false],
    ['a\\b', false],
    ['a\u0000b', false],
    ['a\nb', false],
  ];
  it.each(cases)('judges %j as %s', (path, expected) => {
    // Act
    const safe = isSafeRelativePath(path);
    // Assess
    expect(safe).toBe(expected);
  });

  it('accepts any path joined from plain segments', () => {
    fc.assert(
      fc.property(safePath, (path) => {
        // Act
        const safe = isSafeRelativePath(path);
        // Assess
        expect(safe).toBe(true);
      }),
    );
  });

  it('refuses any traversal, absolute, empty-segment or backslash form of a safe path', () => {
    const spoil = fc.constantFrom(
      (p: string) => `../${p}`,
      (p: string) => `${p}/..`,
      (p: string) => `/${p}`,
      (p: string) => `${p}/`,
      (p: string) => p.replace(/^/, 'x//'),
      (p: string) => `${p}/%2e%2E`,
      (p: string) => `${p}\\..`,
      (p: string) => `${p}\u0000`,
    );
    fc.assert(
      fc.property(safePath, spoil, (path, how) => {
        // Act
        const safe = isSafeRelativePath(how(path));
        // Assess
        expect(safe).toBe(false);
      }),
    );
  });

  it('never accepts a path with an empty, dot or dot-dot segment, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (path) => {
        // Act
        const safe = isSafeRelativePath(path);
        // Assess
        if (safe) expect(path.split('/').every((s) => s !== '' && s !== '.' && s !== '..' && !s.includes('\\'))).toBe(true);
      }),
    );
  });
});
