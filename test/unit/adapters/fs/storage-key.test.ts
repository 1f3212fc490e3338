import { describe, expect, it } from 'vitest';
import { checkedKey, isContentAddressed } from '../../../../layers/adapters/fs/storage-key';

describe('checkedKey', () => {
  it.each([
    'artifacts/ab/cd/abcd',
    'publications/0190/PULP_MANIFEST',
    'uploads/u1/0-abc',
    'tmp/x',
    'publications/p/a name with spaces, commas.txt',
  ])('accepts %j', (key) => {
    expect(checkedKey(key)).toBe(key);
  });

  it.each(['', '/abs', 'a//b', 'a/', './a', 'a/./b', 'a/../b', '..', '.staging/x', '.hidden', 'a\\b', 'a\0b'])('refuses %j', (key) => {
    expect(() => checkedKey(key)).toThrow(/Invalid storage key/);
  });
});

describe('isContentAddressed', () => {
  it.each([
    { key: 'artifacts/ab/cd/abcd', expected: true },
    { key: 'publications/p/PULP_MANIFEST', expected: false },
    { key: 'tmp/artifacts/x', expected: false },
    { key: 'uploads/u/0', expected: false },
  ])('$key: $expected', ({ key, expected }) => {
    expect(isContentAddressed(key)).toBe(expected);
  });
});
