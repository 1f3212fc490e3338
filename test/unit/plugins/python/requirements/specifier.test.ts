import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSpecifier, parseSpecifier } from '../../../../../layers/plugins/python/requirements/specifier';
import { allowsPrereleases, contains, parseSpecifierSet } from '../../../../../layers/plugins/python/requirements/specifier-set';
import { returnsOrRejectsCleanly } from '../fuzz';

// [version, specifier, expected], with pre-releases allowed so only the operator decides.
const OPERATOR_CASES: [string, string, boolean][] = [
  ['2.0', '==2', true],
  ['2.0', '==2.0', true],
  ['2.0', '==2.0.0', true],
  ['2.0+deadbeef', '==2', true],
  ['2.0+deadbeef', '==2.0+deadbeef', true],
  ['2.0+deadbeef.0', '==2.0.0+deadbeef.00', true],
  ['2.0', '==2.0+deadbeef', false],
  ['2.1', '==2.0', false],
  ['2.0', '==2.*', true],
  ['2.0', '==2.0.*', true],
  ['2.0.0', '==2.*', true],
  ['2.0+deadbeef', '==2.*', true],
  ['2.0a1', '==2.0.*', true],
  ['2.0.post1', '==2.0.*', true],
  ['2.1', '==2.0.*', false],
  ['2', '==2.0.0.*', true],
  ['1!2.0', '==2.*', false],
  ['1!2.0', '==1!2.*', true],
  ['2.0', '!=2.2', true],
  ['2.0', '!=2', false],
  ['2.0+local', '!=2.0', false],
  ['2.0', '!=2.0+local', true],
  ['2.0', '!=2.0.*', false],
  ['2.0', '!=3.*', true],
  ['3.1', '~=3.0', true],
  ['3.1.5', '~=3.1', true],
  ['3.1.5', '~=3.1.2', true],
  ['3.2', '~=3.1.2', false],
  ['4.0', '~=3.0', false],
  ['3.0', '~=3.0.post1', false],
  ['3.0.post2', '~=3.0.post1', true],
  ['3.5', '~=3.0rc1', true],
  ['1.1.0', '~=1.0.0', false],
  ['2.0', '<=2', true],
  ['2.0+local', '<=2.0', true],
  ['2.0.post1', '<=2', false],
  ['2.0', '>=2', true],
  ['2.0+local', '>=2.0', true],
  ['1.9', '>=2', false],
  ['1.0', '<2', true],
  ['2.0', '<2', false],
  ['2.0.dev1', '<2', false],
  ['2.0a1', '<2', false],
  ['2.0a1', '<2.0b1', true],
  ['1.0rc1', '<1.0.post1', true],
  ['1.0.post1.dev1', '<1.0.post1', false],
  ['3.0', '>2', true],
  ['2.0', '>2', false],
  ['2.0.post1', '>2', false],
  ['2.0.post1.dev1', '>2', false],
  ['2.0+local', '>2', false],
  ['2.0.1', '>2', true],
  ['2.0a2', '>2.0a1', true],
  ['2.0a1.post1', '>2.0a1', false],
  ['2.0.post2', '>2.0.post1', true],
  ['2.0.post1+local', '>2.0.post1', false],
  ['2.0.dev2', '>2.0.dev1', true],
  ['1.0', '===1.0', true],
  ['1.0', '===1.0.0', false],
  ['1.0', '===1.0+x', false],
];

describe('a single operator', () => {
  it.each(OPERATOR_CASES)('%s in %s → %s', (version, specifier, expected) => {
    // Prepare
    const set = parseSpecifierSet(specifier);
    // Act / Assess
    expect(contains(set, version, { prereleases: true })).toBe(expected);
  });
});

describe('parseSpecifier', () => {
  it.each([
    ['>= 1.0', '>=1.0'],
    ['  ==1.*  ', '==1.*'],
    ['~=2.2.post3', '~=2.2.post3'],
    ['===foobar', '===foobar'],
    ['!=1.0+local', '!=1.0+local'],
    ['<V1.0', '<V1.0'],
  ])('%j → %s', (text, expected) => {
    // Act / Assess
    expect(formatSpecifier(parseSpecifier(text))).toBe(expected);
  });

  it.each(['', '1.0', '==', '=>1.0', '>=1.0.*', '<1.0+local', '~=1', '~=1.*', '==1.0a1.*', '== 1.0 junk', '===', '>=1.0;', 'foo'])(
    'rejects %j',
    (text) => {
      // Act / Assess
      expect(() => parseSpecifier(text)).toThrow(`Invalid specifier: '${text}'`);
    },
  );
});

describe('pre-release rule', () => {
  it.each([
    ['>=1.0', '2.0a1', undefined, false],
    ['>=1.0', '2.0a1', true, true],
    ['>=1.0', '2.0.dev1', undefined, false],
    ['>=1.0a1', '2.0a1', undefined, true],
    ['>=1.0a1', '2.0a1', false, false],
    ['>=1.0, <3', '2.0rc1', undefined, false],
    ['>=1.0, <3.0rc2', '2.0rc1', undefined, true],
    ['!=1.0a1', '2.0a1', undefined, false],
    ['==1.*', '1.1a1', undefined, false],
    ['==2.0b1', '2.0b1', undefined, true],
    ['', '1.0a1', undefined, false],
    ['', '1.0a1', true, true],
    ['', '1.0', undefined, true],
    ['', '1.0.post1', undefined, true],
  ])('%j contains %s (prereleases %s) → %s', (specifier, version, prereleases, expected) => {
    // Prepare
    const set = parseSpecifierSet(specifier);
    // Act / Assess
    expect(contains(set, version, prereleases === undefined ? {} : { prereleases })).toBe(expected);
  });

  it.each([
    ['>=1.0', false],
    ['>=1.0a1', true],
    ['<2.0.dev1', true],
    ['!=2.0b1', false],
    ['==1.*', false],
    ['===1.0a1', true],
    ['===foo', false],
  ])('%j names a pre-release: %s', (specifier, expected) => {
    // Act / Assess
    expect(allowsPrereleases(parseSpecifierSet(specifier))).toBe(expected);
  });
});

describe('versions that are not PEP 440', () => {
  it.each([
    ['>=1.0', 'legacy-1', false],
    ['===legacy-1', 'legacy-1', true],
    ['===Legacy-1', 'legacy-1', true],
    ['===legacy-1, >=1', 'legacy-1', false],
    ['', 'legacy-1', false],
  ])('%j contains %s → %s', (specifier, version, expected) => {
    // Act / Assess
    expect(contains(parseSpecifierSet(specifier), version)).toBe(expected);
  });
});

describe('fuzz', () => {
  it('parsers throw only the client error', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        // Act / Assess
        expect(returnsOrRejectsCleanly(() => parseSpecifier(text))).toBe(true);
        expect(returnsOrRejectsCleanly(() => parseSpecifierSet(text))).toBe(true);
      }),
    );
  });

  it('operator-shaped input parses or fails cleanly, and contains() never throws', () => {
    const spec = fc.tuple(fc.constantFrom('==', '!=', '<=', '>=', '<', '>', '~=', '==='), fc.stringMatching(/^[0-9.!a-z+*_-]{0,12}$/));
    fc.assert(
      fc.property(spec, fc.stringMatching(/^[0-9.a-z+!-]{0,12}$/), ([op, version], candidate) => {
        // Act
        let set: ReturnType<typeof parseSpecifierSet>;
        try {
          set = parseSpecifierSet(op + version);
        } catch {
          return;
        }
        // Assess
        expect(typeof contains(set, candidate)).toBe('boolean');
      }),
    );
  });
});
