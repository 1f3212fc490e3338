import { describe, expect, it } from 'vitest';
import { excludedByPlatform, isExcludablePlatform, type ExcludablePlatform } from '../../../../../layers/plugins/python/filenames/platform-exclusion';

describe('excludedByPlatform', () => {
  it.each([
    ['numpy-2.1.0-cp312-cp312-win_amd64.whl', 'bdist_wheel', ['windows'], true],
    ['numpy-2.1.0-cp312-cp312-win32.whl', 'bdist_wheel', ['windows'], true],
    ['pkg-1.0.win32-py2.7.exe', 'bdist_wininst', ['windows'], true],
    ['pkg-1.0.msi', 'bdist_msi', ['windows'], true],
    ['numpy-2.1.0-cp312-cp312-macosx_14_0_arm64.whl', 'bdist_wheel', ['macos'], true],
    ['pkg-1.0.dmg', 'bdist_dmg', ['macos'], true],
    ['pkg-1.0-py2.7-freebsd-10.egg', 'bdist_egg', ['freebsd'], true],
    ['numpy-2.1.0-cp312-cp312-manylinux2014_x86_64.whl', 'bdist_wheel', ['linux'], true],
    ['numpy-2.1.0-cp312-cp312-manylinux_2_17_x86_64.whl', 'bdist_wheel', ['linux'], true],
    ['numpy-2.1.0-cp312-cp312-musllinux_1_2_x86_64.whl', 'bdist_wheel', ['linux'], true],
    ['pkg-1.0-1.x86_64.rpm', 'bdist_rpm', ['linux'], true],
    ['numpy-2.1.0-cp312-cp312-win_amd64.whl', 'bdist_wheel', ['linux', 'macos'], false],
    ['pkg-1.0-py3-none-any.whl', 'bdist_wheel', ['windows', 'macos', 'freebsd', 'linux'], false],
    ['pkg-win32-1.0.tar.gz', 'sdist', ['windows'], false],
    ['numpy-2.1.0-cp312-cp312-win_amd64.whl', 'bdist_wheel', [], false],
  ] as [string, string, ExcludablePlatform[], boolean][])('%s (%s) excluded by %j: %s', (filename, packagetype, platforms, expected) => {
    // Act / Assess
    expect(excludedByPlatform({ filename, packagetype }, platforms)).toBe(expected);
  });

  it.each([
    ['windows', true],
    ['linux', true],
    ['win', false],
    ['solaris', false],
  ])('%s is a remote choice: %s', (value, expected) => {
    // Act / Assess
    expect(isExcludablePlatform(value)).toBe(expected);
  });
});
