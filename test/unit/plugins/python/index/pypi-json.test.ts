import { describe, expect, it } from 'vitest';
import { pypiProjectJson } from '../../../../../layers/plugins/python/index/pypi-json';
import type { JsonApiFile } from '../../../../../layers/plugins/python/index/records';
import { readCoreMetadata } from '../../../../../layers/plugins/python/metadata/core-metadata';
import { HEX, indexFile } from './fixtures';

function file(version: string, filename: string, overrides: Partial<JsonApiFile> = {}): JsonApiFile {
  return {
    ...indexFile({ version, filename, url: `https://cdn.example/c/${filename}` }),
    packagetype: filename.endsWith('.whl') ? 'bdist_wheel' : 'sdist',
    pythonVersion: filename.endsWith('.whl') ? 'py3' : 'source',
    md5: '',
    metadata: readCoreMetadata(
      `Metadata-Version: 2.1\nName: Shelf-Reader\nVersion: ${version}\nSummary: s ${version}\nRequires-Dist: a>=1\n` +
        'Project-URL: Homepage, https://h\nClassifier: C :: D\n\nBody\n',
    ),
    ...overrides,
  };
}

const FILES = [
  file('0.9', 'shelf_reader-0.9.tar.gz'),
  file('1.0', 'shelf_reader-1.0.tar.gz'),
  file('1.0', 'shelf_reader-1.0-py3-none-any.whl', { requiresPython: '>=3.8', md5: 'f'.repeat(32) }),
  file('1.1rc1', 'shelf_reader-1.1rc1.tar.gz', { yanked: true, yankedReason: 'oops' }),
  file('legacy-x', 'shelf_reader-legacy-x.tar.gz'),
];

describe('pypiProjectJson', () => {
  it('takes info and urls from the latest version, pre-releases included', () => {
    // Act
    const json = pypiProjectJson({ name: 'Shelf-Reader', files: FILES }, { lastSerial: 1_000_000_000 }) as any;
    // Assess
    expect(json.info).toEqual({
      name: 'Shelf-Reader',
      version: '1.1rc1',
      summary: 's 1.1rc1',
      keywords: '',
      description: 'Body\n',
      description_content_type: '',
      bugtrack_url: null,
      docs_url: null,
      downloads: { last_day: -1, last_month: -1, last_week: -1 },
      download_url: '',
      home_page: '',
      author: '',
      author_email: '',
      maintainer: '',
      maintainer_email: '',
      license: '',
      requires_python: null,
      package_url: '',
      project_url: '',
      release_url: '',
      project_urls: { Homepage: 'https://h' },
      platform: '',
      requires_dist: ['a>=1'],
      classifiers: ['C :: D'],
      yanked: true,
      yanked_reason: 'oops',
      provides_extras: null,
      dynamic: null,
      license_expression: '',
      license_file: null,
    });
    expect(json.last_serial).toBe(1_000_000_000);
    expect(json.urls.map((u: any) => u.filename)).toEqual(['shelf_reader-1.1rc1.tar.gz']);
    expect(Object.keys(json.releases).sort()).toEqual(['0.9', '1.0', '1.1rc1', 'legacy-x']);
    expect(json.releases['1.0'].map((u: any) => u.filename)).toEqual(['shelf_reader-1.0.tar.gz', 'shelf_reader-1.0-py3-none-any.whl']);
  });

  it('renders a file as PyPI does', () => {
    // Act
    const json = pypiProjectJson({ name: 'x', files: FILES }, { version: '1.0' }) as any;
    // Assess
    expect(json.urls[1]).toEqual({
      comment_text: '',
      digests: { md5: 'f'.repeat(32), sha256: HEX('a') },
      downloads: -1,
      filename: 'shelf_reader-1.0-py3-none-any.whl',
      has_sig: false,
      md5_digest: 'f'.repeat(32),
      packagetype: 'bdist_wheel',
      python_version: 'py3',
      requires_python: '>=3.8',
      size: 2512,
      upload_time: '2024-05-01T12:30:45',
      upload_time_iso_8601: '2024-05-01T12:30:45.123456Z',
      url: 'https://cdn.example/c/shelf_reader-1.0-py3-none-any.whl',
      yanked: false,
      yanked_reason: null,
    });
    expect(json.last_serial).toBe(0);
  });

  it.each([
    ['1.0', '1.0', 2],
    ['1.0.0', '1.0', 2],
    ['0.9', '0.9', 1],
    ['1.1rc1', '1.1rc1', 1],
  ])('version %s → info.version %s with %d urls', (version, infoVersion, count) => {
    // Act
    const json = pypiProjectJson({ name: 'x', files: FILES }, { version }) as any;
    // Assess
    expect([json.info.version, json.urls.length, json.info.yanked]).toEqual([infoVersion, count, version === '1.1rc1']);
  });

  it.each([
    ['a missing version', { version: '2.0' }, FILES],
    ['a legacy version', { version: 'legacy-x' }, FILES],
    ['a project without files', {}, []],
    ['a project with only legacy versions', {}, [file('legacy-x', 'x-legacy-x.tar.gz')]],
  ])('is null for %s', (_, options, files) => {
    // Act / Assess
    expect(pypiProjectJson({ name: 'x', files }, options)).toBeNull();
  });
});
