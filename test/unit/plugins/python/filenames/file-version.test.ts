import { describe, expect, it } from 'vitest';
import { versionFromFilename } from '../../../../../layers/plugins/python/filenames/file-version';

describe('versionFromFilename', () => {
  it.each([
    ['foo-1.0-py3-none-any.whl', 'foo', '1.0'],
    ['Foo_Bar-2.0b1-1-cp311-cp311-manylinux_2_17_x86_64.whl', 'foo-bar', '2.0b1'],
    ['foo_bar-1.0-py3-none-any.whl', 'other', null],
    ['foo-bar-1.0.tar.gz', 'foo-bar', '1.0'],
    ['foo.bar-1.0.post1.zip', 'Foo_Bar', '1.0.post1'],
    ['foo-1.0-py2.7.egg', 'foo', '1.0'],
    ['foo-1.0.win32.exe', 'foo', '1.0'],
    ['foo-1.0.win-amd64-py2.7.exe', 'foo', '1.0'],
    ['foo-1.0.tar.bz2', 'foo', '1.0'],
    ['foo-1.0.rpm', 'foo', null],
    ['bar-1.0.tar.gz', 'foo', null],
    ['not a wheel.whl', 'foo', null],
  ])('%s of %s → %s', (filename, project, expected) => {
    // Act / Assess
    expect(versionFromFilename(filename, project)).toBe(expected);
  });
});
