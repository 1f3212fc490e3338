import { describe, expect, it } from 'vitest';
import { buildReleaseFilter } from '../../../../../layers/plugins/python/requirements/release-filter';
import { selectFiles, syncSettings } from '../../../../../layers/plugins/python/sync/select-files';
import type { UpstreamFile } from '../../../../../layers/plugins/python/upstream/upstream-pages';

const file = (filename: string, extra: Partial<UpstreamFile> = {}): UpstreamFile => ({
  filename,
  url: `https://f.example/${filename}`,
  sha256: filename.length.toString(16).padStart(64, '0'),
  requiresPython: '',
  yanked: false,
  yankedReason: '',
  metadataSha256: null,
  size: 10,
  uploadTime: null,
  ...extra,
});

const FILES = [
  file('foo-1.0.tar.gz'),
  file('foo-1.0-py3-none-any.whl', { requiresPython: '>=3.8', yanked: true, yankedReason: 'x' }),
  file('foo-1.1-cp311-cp311-win_amd64.whl'),
  file('foo-1.1-cp311-cp311-macosx_11_0_arm64.whl'),
  file('foo-1.1.tar.gz'),
  file('foo-2.0rc1.tar.gz'),
  file('foo-2.0rc1-py3-none-any.whl'),
  file('foo-legacy_version.tar.gz'),
  file('foo-1.2.tar.gz', { sha256: '' }),
  file('foo-1.0.tar.gz'),
  file('README.txt'),
];

const select = (extra: Record<string, unknown>) => {
  const settings = syncSettings(extra);
  return selectFiles('foo', FILES, settings, buildReleaseFilter(settings.includes, settings.excludes));
};

const names = (extra: Record<string, unknown>) => select(extra).files.map((f) => f.file.filename);

describe('selectFiles', () => {
  it.each([
    ['defaults: final releases, every type and platform, one per filename', {}, ['foo-1.0.tar.gz', 'foo-1.0-py3-none-any.whl', 'foo-1.1-cp311-cp311-win_amd64.whl', 'foo-1.1-cp311-cp311-macosx_11_0_arm64.whl', 'foo-1.1.tar.gz']],
    ['pre-releases', { prereleases: true, includes: ['foo>=2.0rc1'] }, ['foo-2.0rc1.tar.gz', 'foo-2.0rc1-py3-none-any.whl']],
    ['a range in the excludes', { excludes: ['foo<1.1'] }, ['foo-1.1-cp311-cp311-win_amd64.whl', 'foo-1.1-cp311-cp311-macosx_11_0_arm64.whl', 'foo-1.1.tar.gz']],
    ['package types', { package_types: ['bdist_wheel'] }, ['foo-1.0-py3-none-any.whl', 'foo-1.1-cp311-cp311-win_amd64.whl', 'foo-1.1-cp311-cp311-macosx_11_0_arm64.whl']],
    ['platforms', { exclude_platforms: ['windows', 'macos'] }, ['foo-1.0.tar.gz', 'foo-1.0-py3-none-any.whl', 'foo-1.1.tar.gz']],
    ['the latest version only', { keep_latest_packages: 1 }, ['foo-1.1-cp311-cp311-win_amd64.whl', 'foo-1.1-cp311-cp311-macosx_11_0_arm64.whl', 'foo-1.1.tar.gz']],
    ['the latest, pre-releases counted', { keep_latest_packages: 1, prereleases: true }, ['foo-2.0rc1.tar.gz', 'foo-2.0rc1-py3-none-any.whl']],
    ['a whole project excluded', { excludes: ['Foo'] }, []],
  ])('%s', (_what, settings, expected) => {
    // Act / Assess
    expect(names(settings)).toEqual(expected);
  });

  it('counts files without a sha256 and carries what the index says', () => {
    // Act
    const selection = select({});

    // Assess
    expect(selection.unverifiable).toBe(1);
    expect(selection.files[1]!.file).toEqual({
      filename: 'foo-1.0-py3-none-any.whl',
      packagetype: 'bdist_wheel',
      project: 'foo',
      version: '1.0',
      sha256: FILES[1]!.sha256,
      size: 10,
      pythonVersion: 'py3',
      requiresPython: '>=3.8',
      uploadTime: null,
      yanked: true,
      yankedReason: 'x',
    });
  });

  it('reads a remote\'s settings with the server\'s defaults, dropping unknown platforms', () => {
    // Act
    const settings = syncSettings({ includes: ['a'], exclude_platforms: ['linux', 'amiga'], keep_latest_packages: 3 });

    // Assess
    expect(settings).toEqual({ includes: ['a'], excludes: [], prereleases: false, packageTypes: [], excludePlatforms: ['linux'], keepLatest: 3 });
  });
});
