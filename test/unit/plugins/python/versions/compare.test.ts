import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  compareVersionStrings,
  latestVersionString,
  sortVersionStrings,
} from '../../../../../layers/plugins/python/versions/compare';
import { parseVersion } from '../../../../../layers/plugins/python/versions/version';

// The ordering list of the packaging library's own tests (PEP 440's examples and more).
const ORDERED = [
  '1.0.dev456',
  '1.0a1',
  '1.0a2.dev456',
  '1.0a12.dev456',
  '1.0a12',
  '1.0b1.dev456',
  '1.0b2',
  '1.0b2.post345.dev456',
  '1.0b2.post345',
  '1.0b2-346',
  '1.0c1.dev456',
  '1.0c1',
  '1.0rc2',
  '1.0c3',
  '1.0',
  '1.0.post456.dev34',
  '1.0.post456',
  '1.1.dev1',
  '1.2+123abc',
  '1.2+123abc456',
  '1.2+abc',
  '1.2+abc123',
  '1.2+abc123def',
  '1.2+1234.abc',
  '1.2+123456',
  '1.2.r32+123456',
  '1.2.rev33+123456',
  '1!1.0.dev456',
  '1!1.0a1',
  '1!1.0a2.dev456',
  '1!1.0a12.dev456',
  '1!1.0a12',
  '1!1.0b1.dev456',
  '1!1.0b2',
  '1!1.0b2.post345.dev456',
  '1!1.0b2.post345',
  '1!1.0b2-346',
  '1!1.0c1.dev456',
  '1!1.0c1',
  '1!1.0rc2',
  '1!1.0c3',
  '1!1.0',
  '1!1.0.post456.dev34',
  '1!1.0.post456',
  '1!1.1.dev1',
  '1!1.2+123abc',
  '1!1.2+123abc456',
  '1!1.2+abc',
  '1!1.2+abc123',
  '1!1.2+abc123def',
  '1!1.2+1234.abc',
  '1!1.2+123456',
  '1!1.2.r32+123456',
  '1!1.2.rev33+123456',
];

describe('compareVersions', () => {
  it.each(ORDERED.slice(1).map((later, i) => [ORDERED[i]!, later]))('%s < %s', (earlier, later) => {
    // Act / Assess
    expect(compareVersions(parseVersion(earlier), parseVersion(later))).toBeLessThan(0);
    expect(compareVersions(parseVersion(later), parseVersion(earlier))).toBeGreaterThan(0);
  });

  it.each([
    ['1.0', '1.0.0'],
    ['1.0', '1'],
    ['1.0a1', '1.0alpha1'],
    ['1.0.post0', '1.0-0'],
    ['1.0+ubuntu.1', '1.0+Ubuntu-1'],
    ['0!1.0', 'v1.0'],
  ])('%s == %s', (a, b) => {
    // Act / Assess
    expect(compareVersions(parseVersion(a), parseVersion(b))).toBe(0);
  });

  it('sorts a shuffled list back into the known order', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(ORDERED, { minLength: ORDERED.length }), (shuffled) => {
        // Act
        const sorted = sortVersionStrings(shuffled);
        // Assess
        expect(sorted).toEqual(ORDERED);
      }),
      { numRuns: 50 },
    );
  });

  it('orders numbers by value, not text, beyond 2^53', () => {
    // Act / Assess
    expect(compareVersions(parseVersion('9007199254740993'), parseVersion('9007199254740992'))).toBeGreaterThan(0);
    expect(compareVersions(parseVersion('1.10'), parseVersion('1.9'))).toBeGreaterThan(0);
  });
});

describe('versions that are not PEP 440', () => {
  it('sort before every valid version, among themselves by text', () => {
    // Act
    const sorted = sortVersionStrings(['1.0', 'zzz-legacy', '0.1', '2004d', '1.0', '0.0.dev1']);
    // Assess
    expect(sorted).toEqual(['2004d', 'zzz-legacy', '0.0.dev1', '0.1', '1.0']);
  });

  it.each([
    ['junk', '0.0.dev0', -1],
    ['0.0.dev0', 'junk', 1],
    ['a-junk', 'b-junk', -1],
    ['1.0', '1.0.0', -1],
  ])('compareVersionStrings(%s, %s) has sign %d', (a, b, sign) => {
    // Act / Assess
    expect(Math.sign(compareVersionStrings(a, b))).toBe(sign);
  });
});

describe('latestVersionString', () => {
  it.each([
    [['1.0', '2.0rc1', '1.5'], '2.0rc1'],
    [['1.0', '1.0.post1', 'legacy-x'], '1.0.post1'],
    [['legacy-x'], undefined],
    [[], undefined],
  ])('%j → %s', (versions, expected) => {
    // Act / Assess
    expect(latestVersionString(versions)).toBe(expected);
  });
});
