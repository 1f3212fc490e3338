import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractPackage } from '../../../../../layers/plugins/python/extraction/extract-package';
import { decodeListField } from '../../../../../layers/plugins/python/metadata/core-metadata';
import { buildZip, buildTarGz } from '../../../../support/archive-writers';
import { buildSdist, buildWheel, coreMetadata, wheelFiles, type DistSpec } from '../../../../support/python-dists';
import { resolvesOrRejectsCleanly } from '../fuzz';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const SPEC_21: DistSpec = {
  name: 'Alpha.Pkg',
  version: '1.0',
  metadataVersion: '2.1',
  requiresDist: ['requests>=2', 'colorama; sys_platform == "win32"'],
  requiresPython: '>=3.8',
  description: '# Alpha\n\nLine one.\nLine two.\n',
};
const SPEC_24: DistSpec = { name: 'beta', version: '2.0rc1', metadataVersion: '2.4', requiresDist: ['alpha-pkg>=1.0'] };

describe('extractPackage', () => {
  it.each([
    ['a 2.1 wheel', SPEC_21, buildWheel, 'bdist_wheel', 'py3'],
    ['a 2.4 wheel', SPEC_24, buildWheel, 'bdist_wheel', 'py3'],
    ['a 2.1 sdist', SPEC_21, buildSdist, 'sdist', 'source'],
    ['a 2.4 sdist', SPEC_24, buildSdist, 'sdist', 'source'],
  ])('reads %s', async (_, spec, build, packagetype, pythonVersion) => {
    // Prepare
    const dist = build(spec);
    // Act
    const extracted = await extractPackage(dist.filename, dist.bytes);
    // Assess
    expect({
      packagetype: extracted.packagetype,
      python_version: extracted.python_version,
      sha256: extracted.sha256,
      size: extracted.size,
      name: extracted.metadata.name,
      name_normalized: extracted.name_normalized,
      version: extracted.metadata.version,
      metadata_version: extracted.metadata.metadata_version,
      requires_dist: decodeListField(extracted.metadata.requires_dist),
      requires_python: extracted.metadata.requires_python,
      description: extracted.metadata.description,
    }).toEqual({
      packagetype,
      python_version: pythonVersion,
      sha256: sha256(dist.bytes),
      size: dist.bytes.length,
      name: spec.name,
      name_normalized: spec.name.toLowerCase().replace(/[-_.]+/g, '-'),
      version: spec.version,
      metadata_version: spec.metadataVersion,
      requires_dist: spec.requiresDist,
      requires_python: spec.requiresPython ?? '',
      description: coreMetadata(spec).split('\n\n').slice(1).join('\n\n'),
    });
  });

  it('serves a wheel its METADATA bytes as .metadata, and advertises their hash', async () => {
    // Prepare
    const wheel = buildWheel(SPEC_24);
    // Act
    const extracted = await extractPackage(wheel.filename, wheel.bytes);
    // Assess
    expect(extracted.metadataFile!.bytes.toString()).toBe(coreMetadata(SPEC_24));
    expect(extracted.metadataFile!.sha256).toBe(sha256(extracted.metadataFile!.bytes));
    expect(extracted.metadata.license_file).toBe('["LICENSE"]');
  });

  it('has no metadata file for sdists', async () => {
    // Prepare
    const sdist = buildSdist(SPEC_21);
    // Act / Assess
    expect((await extractPackage(sdist.filename, sdist.bytes)).metadataFile).toBeNull();
  });

  it('takes the shallowest METADATA that has a Metadata-Version', async () => {
    // Prepare: a vendored dist-info deeper down, and a decoy at the top without the marker.
    const files = wheelFiles(SPEC_21);
    const wheel = buildZip([
      { name: 'alpha_pkg/_vendor/other-9.9.dist-info/METADATA', data: 'Metadata-Version: 2.1\nName: other\nVersion: 9.9\n' },
      { name: 'decoy.dist-info/METADATA', data: 'nothing here' },
      ...files.map(([name, data]) => ({ name, data })),
    ]);
    // Act
    const extracted = await extractPackage('alpha_pkg-1.0-py3-none-any.whl', wheel);
    // Assess
    expect(extracted.metadata.name).toBe('Alpha.Pkg');
    expect(extracted.metadataFile!.bytes.toString()).toBe(coreMetadata(SPEC_21));
  });

  it('takes <dir>/PKG-INFO over an egg-info copy deeper in an sdist', async () => {
    // Prepare
    const sdist = buildTarGz([
      { name: 'pkg-1.0/src/pkg.egg-info/PKG-INFO', data: 'Metadata-Version: 2.1\nName: wrong\nVersion: 0\n' },
      { name: 'pkg-1.0/PKG-INFO', data: 'Metadata-Version: 2.1\nName: pkg\nVersion: 1.0\n' },
    ]);
    // Act / Assess
    expect((await extractPackage('pkg-1.0.tar.gz', sdist)).metadata.name).toBe('pkg');
  });

  it.each([
    ['a .zip sdist', 'pkg-1.0.zip', 'pkg-1.0/PKG-INFO', 'sdist', 'source'],
    ['an egg', 'pkg-1.0-py2.7.egg', 'EGG-INFO/PKG-INFO', 'bdist_egg', 'py2.7'],
    ['a Windows installer', 'pkg-1.0.win32-py2.7.exe', 'PURELIB/pkg-1.0-py2.7.egg-info', 'bdist_wininst', 'py2.7'],
  ])('reads %s', async (_, filename, path, packagetype, pythonVersion) => {
    // Prepare
    const archive = buildZip([{ name: path, data: 'Metadata-Version: 1.1\nName: pkg\nVersion: 1.0\n' }], {
      prefix: filename.endsWith('.exe') ? Buffer.alloc(1000, 0x90) : undefined,
    });
    // Act
    const extracted = await extractPackage(filename, archive);
    // Assess
    expect([extracted.packagetype, extracted.python_version, extracted.metadata.version]).toEqual([packagetype, pythonVersion, '1.0']);
  });

  it.each([
    ['an unknown extension', 'pkg-1.0.rpm', Buffer.from('x'), 'Extension on pkg-1.0.rpm is not a valid python extension'],
    ['a .tar.bz2 sdist', 'pkg-1.0.tar.bz2', Buffer.from('BZh9'), 'Reading .tar.bz2 sdists is not supported'],
    ['an invalid wheel filename', 'pkg.whl', buildWheel(SPEC_21).bytes, 'Invalid wheel filename'],
    ['a wheel named for another project', 'other-1.0-py3-none-any.whl', buildWheel(SPEC_21).bytes, "does not match the project name 'Alpha.Pkg'"],
    ['a wheel named for another version', 'alpha_pkg-1.1-py3-none-any.whl', buildWheel(SPEC_21).bytes, "does not match the version '1.0'"],
    ['a wheel without METADATA', 'pkg-1.0-py3-none-any.whl', buildZip([{ name: 'pkg/__init__.py', data: '' }]), 'No *.dist-info/METADATA'],
    ['an sdist without PKG-INFO', 'pkg-1.0.tar.gz', buildTarGz([{ name: 'pkg-1.0/setup.py', data: '' }]), 'No <dir>/PKG-INFO'],
    ['an sdist that is not gzip', 'pkg-1.0.tar.gz', Buffer.from('PK\x03\x04'), 'not a gzip file'],
    ['a wheel that is not a zip', 'pkg-1.0-py3-none-any.whl', Buffer.alloc(100), 'not a ZIP file'],
    ['METADATA with a bad version', 'pkg-1.0-py3-none-any.whl', buildZip([{ name: 'pkg-1.0.dist-info/METADATA', data: 'Metadata-Version: 2.1\nName: pkg\nVersion: one\n' }]), "Version 'one' is not a valid PEP 440 version"],
  ])('rejects %s', async (_, filename, bytes, message) => {
    // Act / Assess
    await expect(extractPackage(filename, bytes)).rejects.toThrow(message);
  });

  it('equal versions spelled differently are not a mismatch', async () => {
    // Prepare
    const wheel = buildWheel({ ...SPEC_21, version: '1.0.0' });
    // Act / Assess
    expect((await extractPackage('alpha_pkg-1.0-py3-none-any.whl', wheel.bytes)).metadata.version).toBe('1.0.0');
  });

  it('fuzz: damaged wheels and sdists are read or refused cleanly', async () => {
    const wheel = buildWheel(SPEC_21);
    const sdist = buildSdist(SPEC_21);
    const damaged = (bytes: Buffer) =>
      fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }).map((edits) => {
        const copy = Buffer.from(bytes);
        for (const [at, value] of edits) copy[at] = value;
        return copy;
      });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(damaged(wheel.bytes).map((b) => [wheel.filename, b] as const), damaged(sdist.bytes).map((b) => [sdist.filename, b] as const)),
        ([filename, bytes]) => resolvesOrRejectsCleanly(() => extractPackage(filename, bytes)),
      ),
      { numRuns: 300 },
    );
  });
});
