import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRequirement, parseRequirement } from '../../../../../layers/plugins/python/requirements/requirement';
import { formatSpecifierSet } from '../../../../../layers/plugins/python/requirements/specifier-set';
import { formatMarker } from '../../../../../layers/plugins/python/requirements/marker';
import { returnsOrRejectsCleanly } from '../fuzz';

describe('parseRequirement', () => {
  it.each([
    ['shelf-reader', 'shelf-reader', [], '', null, null],
    ['Shelf_Reader>=0.1', 'shelf-reader', [], '>=0.1', null, null],
    ['name[extra1, extra2] (>=1,<2) ; python_version < "3.11"', 'name', ['extra1', 'extra2'], '>=1,<2', null, 'python_version < "3.11"'],
    ["requests[security,socks]>=2.8.1,==2.8.*; python_version<'3'", 'requests', ['security', 'socks'], '>=2.8.1,==2.8.*', null, 'python_version < "3"'],
    ["colorama; sys_platform == 'win32'", 'colorama', [], '', null, 'sys_platform == "win32"'],
    ["pytest ; extra == 'test'", 'pytest', [], '', null, 'extra == "test"'],
    ['pip @ https://example.com/pip-1.0.whl', 'pip', [], '', 'https://example.com/pip-1.0.whl', null],
    ["pip @ https://example.com/pip.whl ; os_name == 'nt'", 'pip', [], '', 'https://example.com/pip.whl', 'os_name == "nt"'],
    ['name[]', 'name', [], '', null, null],
    ['aiohttp>=3.2.0,<3.3.1,', 'aiohttp', [], '>=3.2.0,<3.3.1', null, null],
  ])('%j', (text, normalizedName, extras, specifier, url, marker) => {
    // Act
    const requirement = parseRequirement(text);
    // Assess
    expect({
      normalizedName: requirement.normalizedName,
      extras: requirement.extras,
      specifier: formatSpecifierSet(requirement.specifier),
      url: requirement.url,
      marker: requirement.marker && formatMarker(requirement.marker),
    }).toEqual({ normalizedName, extras, specifier, url, marker });
  });

  it.each([
    ['', 'expected a package name'],
    ['shelf-reader$3', "Invalid specifier: '$3'"],
    ['-name', 'expected a package name'],
    ['name[', "expected ']'"],
    ['name[a b]', 'invalid extras'],
    ['name (>=1', "expected ')'"],
    ['name >=1,,<2', 'empty item'],
    ['name ,', 'empty item'],
    ['name ;', 'expected a marker'],
    ["name; foo == 'x'", 'expected a marker variable'],
    ["name; python_version > '3' or", 'expected a marker variable'],
    ['name @', 'expected a URL'],
    // A URL runs to the next whitespace, so the marker needs a space before its semicolon.
    ["name @ https://x/y.whl; os_name == 'nt'", 'expected a semicolon'],
    ["name @ https://x/y.whl junk", 'expected a semicolon'],
  ])('%j is invalid (%s)', (text, reason) => {
    // Act
    const attempt = () => parseRequirement(text);
    // Assess
    expect(attempt).toThrow(reason);
    expect(attempt).toThrow(`Invalid requirement: '${text}'`);
  });

  it.each([
    ['Name [B, a] ( >=1 , <2 ) ;python_version<"3"', 'Name[B,a]>=1,<2; python_version < "3"'],
    ['pip @ https://x/p.whl', 'pip @ https://x/p.whl'],
  ])('formats %j as %j', (text, expected) => {
    // Act / Assess
    expect(formatRequirement(parseRequirement(text))).toBe(expected);
  });
});

describe('fuzz', () => {
  it('throws only the client error, on any text and on requirement-shaped text', () => {
    const shaped = fc
      .tuple(
        fc.stringMatching(/^[A-Za-z0-9._-]{0,8}$/),
        fc.constantFrom('', '[a]', '[a,b', '[ ]'),
        fc.constantFrom('', '>=1', '(>=1,<2)', '==1.*', ',', ' @ http://x', '$'),
        fc.constantFrom('', ';', "; python_version < '3'", '; (os_name', "; extra == 'x' and"),
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), shaped), (text) => {
        // Act / Assess
        expect(returnsOrRejectsCleanly(() => parseRequirement(text))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses absurdly long input quickly', () => {
    // Act / Assess
    expect(() => parseRequirement(`a${'>=1,'.repeat(5000)}`)).toThrow('too long');
  });
});
