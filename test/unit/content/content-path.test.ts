import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeContentPath, encodeContentPath } from '../../../layers/content/content-path';
import { isSafeRelativePath } from '../../../layers/core/content/relative-path';

const WELL_FORMED = /^(?:[^\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/;

describe('decodeContentPath', () => {
  const cases: Array<[string, ReturnType<typeof decodeContentPath>]> = [
    ['', { path: '', directory: true }],
    ['dist', { path: 'dist', directory: false }],
    ['dist/', { path: 'dist', directory: true }],
    ['a/b/c.txt', { path: 'a/b/c.txt', directory: false }],
    ['a/my%20file.txt', { path: 'a/my file.txt', directory: false }],
    ['a/x%2Cy.txt', { path: 'a/x,y.txt', directory: false }],
    ['a/%E2%9C%93', { path: 'a/✓', directory: false }],
    ['a/%2e%2e/b', undefined],
    ['a/../b', undefined],
    ['a/./b', undefined],
    ['a//b', undefined],
    ['a/%2F/b', undefined],
    ['a/x%2Fy', undefined],
    ['a/%E0%A4%A', undefined],
    ['a/%00', undefined],
  ];
  it.each(cases)('%s', (raw, expected) => {
    // Prepare
    const input = raw;
    // Act
    const decoded = decodeContentPath(input);
    // Assess
    expect(decoded).toEqual(expected);
  });

  it('round-trips names through encodeContentPath', () => {
    // Prepare
    const names = ['a b/c,d.txt', '100%/#?', 'ü/✓'];
    // Act
    const back = names.map((n) => decodeContentPath(encodeContentPath(n))?.path);
    // Assess
    expect(back).toEqual(names);
  });
});

describe('decodeContentPath on any input', () => {
  it('never throws and only yields paths without empty, dot or control segments', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: fc.constantFrom('%', '2', 'e', 'E', 'f', 'F', '.', '/', 'a', '0', 'C'), maxLength: 30 }), (text, escapes) => {
        // Act
        const decoded = decodeContentPath(`${text}${escapes}`);
        // Assess
        if (decoded && decoded.path !== '') {
          const segments = decoded.path.split('/');
          expect(segments.every((s) => s !== '' && s !== '.' && s !== '..')).toBe(true);
          expect(decoded.path).not.toMatch(/[\u0000-\u001f\u007f]/);
        }
      }),
    );
  });

  it('serves every safe relative path at its encoded URL', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).filter((p) => WELL_FORMED.test(p) && isSafeRelativePath(p)), (path) => {
        // Act
        const decoded = decodeContentPath(encodeContentPath(path));
        // Assess
        expect(decoded).toEqual({ path, directory: false });
      }),
    );
  });
});
