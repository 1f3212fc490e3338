import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { emptyMetadata, fieldsFromIndex, fieldsFromPackage, METADATA_FIELDS, type IndexedFile } from '../../../../../layers/plugins/python/content/package-fields';
import { extractPackage } from '../../../../../layers/plugins/python/extraction/extract-package';
import { parseCoreMetadata } from '../../../../../layers/plugins/python/metadata/core-metadata';
import { buildSdist, buildWheel, coreMetadata, type DistSpec } from '../../../../support/python-dists';

const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

const SPEC: DistSpec = { name: 'My.Pkg', version: '1.0', metadataVersion: '2.4', requiresDist: ['six; python_version < "3"'], classifiers: ['A :: B'], requiresPython: '>=3.8' };

const INDEXED: IndexedFile = {
  filename: 'my_pkg-1.0.tar.gz',
  packagetype: 'sdist',
  project: 'My.Pkg',
  version: '1.0',
  sha256: 'c'.repeat(64),
  size: null,
  pythonVersion: 'source',
  requiresPython: '>=3.7',
  uploadTime: '2024-01-01T00:00:00Z',
  yanked: true,
  yankedReason: 'old',
};

describe('package fields', () => {
  it('a wheel\'s fields: its METADATA is what .metadata serves, and metadata_sha256 its hash', async () => {
    // Prepare
    const wheel = buildWheel(SPEC);
    const extracted = await extractPackage(wheel.filename, wheel.bytes);

    // Act
    const fields = fieldsFromPackage(extracted, { metadataSha256: extracted.metadataFile!.sha256, uploadTime: '2024-05-01T00:00:00Z' });

    // Assess
    expect(extracted.metadataFile!.bytes.toString()).toBe(coreMetadata(SPEC));
    expect(fields.metadata_sha256).toBe(sha256(coreMetadata(SPEC)));
    expect(fields).toMatchObject({
      filename: wheel.filename,
      packagetype: 'bdist_wheel',
      name: 'My.Pkg',
      name_normalized: 'my-pkg',
      version: '1.0',
      sha256: sha256(wheel.bytes),
      size: wheel.bytes.length,
      python_version: 'py3',
      upload_time: '2024-05-01T00:00:00Z',
      yanked: false,
      yanked_reason: '',
      requires_dist: '["six; python_version < \\"3\\""]',
      classifiers: '["A :: B"]',
      license_file: '["LICENSE"]',
      requires_python: '>=3.8',
    });
  });

  it('an sdist has no .metadata', async () => {
    // Prepare
    const sdist = buildSdist(SPEC);
    const extracted = await extractPackage(sdist.filename, sdist.bytes);

    // Act
    const fields = fieldsFromPackage(extracted, { metadataSha256: '', uploadTime: null, yanked: true, yankedReason: 'why' });

    // Assess
    expect(extracted.metadataFile).toBeNull();
    expect(fields).toMatchObject({ metadata_sha256: '', packagetype: 'sdist', python_version: 'source', yanked: true, yanked_reason: 'why' });
  });

  it('an index entry alone: empty metadata in pulp_python\'s encodings, the index\'s requires-python', () => {
    // Act
    const fields = fieldsFromIndex(INDEXED, '', null);

    // Assess
    expect(fields).toMatchObject({ name: 'My.Pkg', name_normalized: 'my-pkg', size: 0, metadata_sha256: '', requires_python: '>=3.7', yanked: true, yanked_reason: 'old', classifiers: '[]', project_urls: '{}', summary: '' });
    for (const field of METADATA_FIELDS) expect(typeof fields[field]).toBe('string');
  });

  it('an index entry with its METADATA: the metadata wins where it says something', () => {
    // Prepare
    const parsed = parseCoreMetadata(Buffer.from(coreMetadata(SPEC)));

    // Act
    const fields = fieldsFromIndex(INDEXED, 'd'.repeat(64), parsed);
    const foreign = fieldsFromIndex(INDEXED, 'd'.repeat(64), { ...parsed, name: 'other' });

    // Assess
    expect(fields).toMatchObject({ metadata_sha256: 'd'.repeat(64), requires_python: '>=3.8', classifiers: '["A :: B"]', metadata_version: '2.4' });
    expect(foreign).toMatchObject({ name: 'My.Pkg', classifiers: '[]' });
  });

  it('empty metadata holds every field', () => {
    // Act / Assess
    expect(Object.keys(emptyMetadata()).sort()).toEqual([...METADATA_FIELDS].sort());
  });
});
