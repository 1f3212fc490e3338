import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWheelFilename, wheelFilename } from '../../../../../layers/plugins/python/filenames/wheel-filename';
import { formatVersion, parseVersion } from '../../../../../layers/plugins/python/versions/version';
import { returnsOrRejectsCleanly } from '../fuzz';

describe('parseWheelFilename', () => {
  it.each([
    ['shelf_reader-0.1-py2-none-any.whl', 'shelf-reader', '0.1', null, 'py2', 'none', 'any', ['py2-none-any']],
    ['pip-24.3.1-py3-none-any.whl', 'pip', '24.3.1', null, 'py3', 'none', 'any', ['py3-none-any']],
    ['six-1.16.0-py2.py3-none-any.whl', 'six', '1.16.0', null, 'py2.py3', 'none', 'any', ['py2-none-any', 'py3-none-any']],
    [
      'numpy-2.1.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
      'numpy',
      '2.1.0',
      null,
      'cp312',
      'cp312',
      'manylinux_2_17_x86_64.manylinux2014_x86_64',
      ['cp312-cp312-manylinux_2_17_x86_64', 'cp312-cp312-manylinux2014_x86_64'],
    ],
    ['foo_bar-1.0-1-py3-none-any.whl', 'foo-bar', '1.0', [1, ''], 'py3', 'none', 'any', ['py3-none-any']],
    ['foo-1.0-2beta-py3-none-any.whl', 'foo', '1.0', [2, 'beta'], 'py3', 'none', 'any', ['py3-none-any']],
    ['Foo.Bar-1.0rc1+local-py3-none-win_amd64.whl', 'foo-bar', '1.0rc1+local', null, 'py3', 'none', 'win_amd64', ['py3-none-win_amd64']],
  ])('%s', (filename, name, version, build, python, abi, platform, tags) => {
    // Act
    const wheel = parseWheelFilename(filename);
    // Assess
    expect({
      name: wheel.normalizedName,
      version: formatVersion(wheel.version),
      build: wheel.build,
      python: wheel.pythonTag,
      abi: wheel.abiTag,
      platform: wheel.platformTag,
      tags: wheel.tags,
    }).toEqual({ name, version, build, python, abi, platform, tags });
  });

  it.each([
    ['foo-1.0-py3-none-any.zip', "extension must be '.whl'"],
    ['foo-1.0-py3-none.whl', 'wrong number of parts'],
    ['foo-bar-1.0-1-py3-none-any-x.whl', 'wrong number of parts'],
    ['foo__bar-1.0-py3-none-any.whl', "invalid project name 'foo__bar'"],
    ['f$o-1.0-py3-none-any.whl', "invalid project name 'f$o'"],
    ['foo-one-py3-none-any.whl', "invalid version 'one'"],
    ['foo-1.0-beta-py3-none-any.whl', "invalid build number 'beta'"],
    ['foo-1.0-py3..py2-none-any.whl', "invalid tag 'py3..py2'"],
    ['foo-1.0--none-any.whl', "invalid tag ''"],
  ])('rejects %s (%s)', (filename, reason) => {
    // Act / Assess
    expect(() => parseWheelFilename(filename)).toThrow(`Invalid wheel filename (${reason}): ${filename}`);
  });

  it('wheelFilename escapes the name and normalizes the version', () => {
    // Act / Assess
    expect(wheelFilename('My.Pkg-x', parseVersion('1.0-RC1'))).toBe('my_pkg_x-1.0rc1-py3-none-any.whl');
  });

  it('fuzz: throws only the client error', () => {
    const shaped = fc
      .array(fc.stringMatching(/^[A-Za-z0-9_.+!]{0,8}$/), { minLength: 1, maxLength: 7 })
      .map((parts) => `${parts.join('-')}.whl`);
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), shaped), (filename) => {
        // Act / Assess
        expect(returnsOrRejectsCleanly(() => parseWheelFilename(filename))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
