import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalVersion,
  formatVersion,
  isDevrelease,
  isPostrelease,
  isPrerelease,
  parseVersion,
  tryParseVersion,
} from '../../../../../layers/plugins/python/versions/version';
import { isPythonClientError } from '../../../../../layers/plugins/python/client-error';
import { returnsOrRejectsCleanly } from '../fuzz';

describe('parseVersion normalizes (PEP 440)', () => {
  it.each([
    ['1.0', '1.0'],
    ['v1.0', '1.0'],
    ['  1.0  ', '1.0'],
    ['1.0.0', '1.0.0'],
    ['01.002', '1.2'],
    ['1!2.0', '1!2.0'],
    ['0!1.0', '1.0'],
    ['1.0a1', '1.0a1'],
    ['1.0alpha1', '1.0a1'],
    ['1.0-a-1', '1.0a1'],
    ['1.0.beta.2', '1.0b2'],
    ['1.0c1', '1.0rc1'],
    ['1.0pre1', '1.0rc1'],
    ['1.0preview1', '1.0rc1'],
    ['1.0RC1', '1.0rc1'],
    ['1.0a', '1.0a0'],
    ['1.0-1', '1.0.post1'],
    ['1.0post1', '1.0.post1'],
    ['1.0.rev1', '1.0.post1'],
    ['1.0r', '1.0.post0'],
    ['1.0-post', '1.0.post0'],
    ['1.0-beta-2', '1.0b2'],
    ['0.1-r2314', '0.1.post2314'],
    ['1.0dev', '1.0.dev0'],
    ['1.0_dev_3', '1.0.dev3'],
    ['1.0a1.post2.dev3', '1.0a1.post2.dev3'],
    ['1.0+Ubuntu-1', '1.0+ubuntu.1'],
    ['1.0+abc_007', '1.0+abc.7'],
    ['20240101123456789.1', '20240101123456789.1'],
  ])('%j → %s', (text, expected) => {
    // Act
    const version = parseVersion(text);
    // Assess
    expect(formatVersion(version)).toBe(expected);
  });

  it.each(['', 'foo', '1.0.', '.1', '1..0', '1.0-', '1.0+', '1.0+a..b', '1.0a1a2', '1.0.post1.post2', '1.0 2', '1!', 'French toast', '2004d', '1.0.0-SNAPSHOT'])(
    'rejects %j with a clear error',
    (text) => {
      // Act
      const attempt = () => parseVersion(text);
      // Assess
      expect(attempt).toThrow(`Invalid version: '${text}'`);
      expect(tryParseVersion(text)).toBeNull();
    },
  );

  it('errors are client errors', () => {
    // Act
    let error: unknown;
    try {
      parseVersion('not a version');
    } catch (caught) {
      error = caught;
    }
    // Assess
    expect(isPythonClientError(error) && error.code).toBe('invalid-version');
  });
});

describe('release kinds', () => {
  it.each([
    ['1.0', false, false, false],
    ['1.0a1', true, false, false],
    ['1.0rc1.dev2', true, true, false],
    ['1.0.dev1', true, true, false],
    ['1.0.post1', false, false, true],
    ['1.0.post1.dev1', true, true, true],
    ['1.0+local', false, false, false],
  ])('%s: pre %s, dev %s, post %s', (text, pre, dev, post) => {
    // Prepare
    const version = parseVersion(text);
    // Act / Assess
    expect([isPrerelease(version), isDevrelease(version), isPostrelease(version)]).toEqual([pre, dev, post]);
  });
});

describe('canonicalVersion', () => {
  it.each([
    ['1.0.0', false, '1.0.0'],
    ['1.0.0', true, '1'],
    ['1.0.0rc1', true, '1rc1'],
    ['0', true, '0'],
    ['1.10.0', true, '1.10'],
  ])('%s (strip %s) → %s', (text, strip, expected) => {
    // Act / Assess
    expect(canonicalVersion(text, { stripTrailingZeros: strip })).toBe(expected);
  });
});

describe('fuzz', () => {
  const versionish = fc.stringMatching(/^v?([0-9]{1,3}!)?[0-9]{1,4}(\.[0-9]{1,4}){0,3}([-_.]?(a|b|rc|c|alpha|beta|pre|preview|RC|Beta)[-_.]?[0-9]{0,3})?([-_.]?(post|r|rev|POST)[0-9]{0,2})?([-_.]?(dev|DEV)[0-9]{0,2})?(\+[a-zA-Z0-9]{1,4}([-_.][a-zA-Z0-9]{1,4}){0,2})?$/);

  it('never throws anything but the client error', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => returnsOrRejectsCleanly(() => parseVersion(text))));
  });

  it('the canonical form parses back to itself', () => {
    fc.assert(
      fc.property(versionish, (text) => {
        // Act
        const canonical = formatVersion(parseVersion(text));
        // Assess
        expect(formatVersion(parseVersion(canonical))).toBe(canonical);
      }),
    );
  });
});
