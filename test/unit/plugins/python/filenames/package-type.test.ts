import { describe, expect, it } from 'vitest';
import { packageTypeOf, pythonVersionOf, requirePackageType } from '../../../../../layers/plugins/python/filenames/package-type';

describe('packageTypeOf and pythonVersionOf', () => {
  it.each([
    ['shelf_reader-0.1-py2-none-any.whl', 'bdist_wheel', 'py2'],
    ['six-1.16.0-py2.py3-none-any.whl', 'bdist_wheel', 'py2.py3'],
    ['numpy-2.1.0-cp312-cp312-win_amd64.whl', 'bdist_wheel', 'cp312'],
    ['shelf-reader-0.1.tar.gz', 'sdist', 'source'],
    ['shelf-reader-0.1.zip', 'sdist', 'source'],
    ['shelf-reader-0.1.tar.bz2', 'sdist', 'source'],
    ['shelf_reader-0.1-py2.7.egg', 'bdist_egg', 'py2.7'],
    ['pkg-1.0-py2.7-linux-x86_64.egg', 'bdist_egg', 'py2.7-linux-x86_64'],
    ['pkg-1.0.egg', 'bdist_egg', ''],
    ['pkg-1.0.win32-py2.7.exe', 'bdist_wininst', 'py2.7'],
    ['pkg-1.0.win32.exe', 'bdist_wininst', ''],
    ['not-a-wheel.whl', 'bdist_wheel', ''],
    ['pkg-1.0.tgz', null, ''],
    ['pkg-1.0.rpm', null, ''],
    ['pkg-1.0.msi', null, ''],
  ])('%s → %s, %j', (filename, type, pythonVersion) => {
    // Act / Assess
    expect([packageTypeOf(filename), pythonVersionOf(filename)]).toEqual([type, pythonVersion]);
  });

  it("rejects unknown extensions with pulp_python's message", () => {
    // Act / Assess
    expect(() => requirePackageType('pkg-1.0.tgz')).toThrow(
      'Extension on pkg-1.0.tgz is not a valid python extension (.whl, .exe, .egg, .tar.gz, .tar.bz2, .zip)',
    );
  });
});
