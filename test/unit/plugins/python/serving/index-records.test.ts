import { describe, expect, it } from 'vitest';
import type { ContentUnit } from '../../../../../layers/plugin-api';
import { emptyMetadata } from '../../../../../layers/plugins/python/content/package-fields';
import { indexFileOfUnit, indexFileOfUpstream, jsonApiFileOfUnit } from '../../../../../layers/plugins/python/serving/index-records';

const unit = (fields: Record<string, unknown>): ContentUnit => ({
  id: 'u',
  pulpType: 'python.python',
  pulpLabels: {},
  fields: { ...emptyMetadata(), filename: 'foo-1.0.tar.gz', version: '1.0', sha256: 'a'.repeat(64), size: 7, name: 'Foo', packagetype: 'sdist', python_version: 'source', metadata_sha256: '', yanked: false, yanked_reason: '', upload_time: null, ...fields },
  relativePath: 'foo-1.0.tar.gz',
  artifact: null,
  pulpCreated: '2024-02-02T00:00:00.000000Z',
  pulpLastUpdated: '2024-02-02T00:00:00.000000Z',
});

describe('index records', () => {
  it('a stored unit: the creation time stands in for an unknown upload time, no metadata unless stored', () => {
    // Act
    const file = indexFileOfUnit(unit({ requires_python: '>=3' }), 'https://c/foo-1.0.tar.gz');

    // Assess
    expect(file).toEqual({
      filename: 'foo-1.0.tar.gz',
      url: 'https://c/foo-1.0.tar.gz',
      version: '1.0',
      sha256: 'a'.repeat(64),
      size: 7,
      uploadTime: '2024-02-02T00:00:00.000000Z',
      requiresPython: '>=3',
      yanked: false,
      yankedReason: null,
      metadataSha256: null,
    });
  });

  it('a yanked wheel with stored metadata and an upload time', () => {
    // Act
    const file = indexFileOfUnit(unit({ yanked: true, yanked_reason: 'r', metadata_sha256: 'b'.repeat(64), upload_time: '2023-01-01T00:00:00+00:00' }), 'u');

    // Assess
    expect(file).toMatchObject({ yanked: true, yankedReason: 'r', metadataSha256: 'b'.repeat(64), uploadTime: '2023-01-01T00:00:00+00:00' });
  });

  it('the JSON API record carries type, python tag, md5 and metadata', () => {
    // Act
    const file = jsonApiFileOfUnit(unit({ summary: 'S' }), 'u');

    // Assess
    expect(file).toMatchObject({ packagetype: 'sdist', pythonVersion: 'source', md5: '', metadata: { name: 'Foo', version: '1.0', summary: 'S' } });
  });

  it('an upstream file needs a sha256 and a version of the project', () => {
    // Prepare
    const upstream = { filename: 'foo-2.0-py3-none-any.whl', url: 'x', sha256: 'c'.repeat(64), requiresPython: '', yanked: false, yankedReason: '', metadataSha256: 'd'.repeat(64), size: null, uploadTime: null };

    // Act
    const shown = indexFileOfUpstream(upstream, 'foo', 'https://c/foo-2.0-py3-none-any.whl');
    const other = indexFileOfUpstream(upstream, 'bar', 'u');
    const unverifiable = indexFileOfUpstream({ ...upstream, sha256: '' }, 'foo', 'u');

    // Assess
    expect(shown).toMatchObject({ version: '2.0', size: 0, requiresPython: null, metadataSha256: 'd'.repeat(64), url: 'https://c/foo-2.0-py3-none-any.whl' });
    expect(other).toBeNull();
    expect(unverifiable).toBeNull();
  });
});
