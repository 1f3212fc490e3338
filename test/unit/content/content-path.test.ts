import { describe, expect, it } from 'vitest';
import { decodeContentPath, encodeContentPath } from '../../../layers/content/content-path';

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
