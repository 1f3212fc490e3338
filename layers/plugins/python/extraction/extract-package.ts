// From an uploaded or downloaded distribution (filename and bytes) to what pulp_python stores:
// package type, python_version, core metadata, sha256 and size, and for wheels the METADATA
// bytes served as the PEP 658 `<file>.metadata` (so the advertised hash is of these bytes).

import { PythonClientError } from '../client-error';
import { sha256Hex } from '../digest';
import { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from '../archives/limits';
import { readTarGz } from '../archives/tar-gz';
import { openZip, type ZipArchive, type ZipEntry } from '../archives/zip-reader';
import { requirePackageType, pythonVersionOf, type FilePackageType } from '../filenames/package-type';
import { parseWheelFilename } from '../filenames/wheel-filename';
import { parseCoreMetadata, type CoreMetadata } from '../metadata/core-metadata';
import { normalizeName } from '../names/project-name';
import { canonicalVersion } from '../versions/version';

export interface MetadataFile {
  readonly bytes: Buffer;
  readonly sha256: string;
}

export interface ExtractedPackage {
  readonly filename: string;
  readonly packagetype: FilePackageType;
  readonly python_version: string;
  readonly sha256: string;
  readonly size: number;
  readonly name_normalized: string;
  readonly metadata: CoreMetadata;
  /** The wheel's METADATA (PEP 658); null for other package types. */
  readonly metadataFile: MetadataFile | null;
}

/** Core metadata files are small; a far larger one is hostile, not a long README. */
export const EXTRACTION_LIMITS: ArchiveLimits = { ...DEFAULT_ARCHIVE_LIMITS, maxEntrySize: 16 * 1024 * 1024 };

const MARKER = Buffer.from('Metadata-Version');

const depth = (path: string): number => path.split('/').length;
const basename = (path: string): string => path.slice(path.lastIndexOf('/') + 1);
const byDepth = (a: { name: string }, b: { name: string }): number =>
  depth(a.name) - depth(b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function noMetadata(filename: string, where: string): never {
  throw new PythonClientError('invalid-metadata', `No ${where} containing Metadata-Version found in ${filename}`);
}

// The shallowest candidate whose bytes contain `Metadata-Version` (what pulp_python serves).
function firstWithMarker(zip: ZipArchive, candidates: ZipEntry[]): Buffer | null {
  for (const entry of candidates.sort(byDepth)) {
    const data = zip.read(entry);
    if (data.includes(MARKER)) return data;
  }
  return null;
}

function wheelMetadata(filename: string, bytes: Uint8Array, limits: ArchiveLimits): Buffer {
  const zip = openZip(bytes, limits);
  const candidates = zip.entries.filter((e) => !e.isDirectory && /(^|\/)[^/]+\.dist-info\/METADATA$/.test(e.name));
  return firstWithMarker(zip, candidates) ?? noMetadata(filename, '*.dist-info/METADATA');
}

// Eggs keep EGG-INFO/PKG-INFO; Windows installers an `*.egg-info` file or directory.
function zipPkgInfo(filename: string, bytes: Uint8Array, limits: ArchiveLimits, eggInfoFiles: boolean): Buffer {
  const zip = openZip(bytes, limits);
  const candidates = zip.entries.filter(
    (e) => !e.isDirectory && (basename(e.name) === 'PKG-INFO' || (eggInfoFiles && e.name.endsWith('.egg-info'))),
  );
  return firstWithMarker(zip, candidates) ?? noMetadata(filename, 'PKG-INFO');
}

async function tarGzPkgInfo(filename: string, bytes: Uint8Array, limits: ArchiveLimits): Promise<Buffer> {
  const isPkgInfo = (name: string): boolean => basename(name) === 'PKG-INFO';
  const clean = (name: string): string => name.replace(/^(\.\/)+/, '');
  const entries = await readTarGz(bytes, {
    limits,
    want: (header) => isPkgInfo(header.name),
    // `<dir>/PKG-INFO` is the sdist's own; nothing shallower can follow in a real sdist.
    stopAfter: (entry) => isPkgInfo(entry.name) && depth(clean(entry.name)) <= 2 && entry.data!.includes(MARKER),
  });
  const candidates = entries
    .filter((e) => e.type === 'file' && e.data && isPkgInfo(e.name))
    .map((e) => ({ name: clean(e.name), data: e.data! }))
    .sort(byDepth);
  return candidates.find((c) => c.data.includes(MARKER))?.data ?? noMetadata(filename, '<dir>/PKG-INFO');
}

async function metadataBytes(filename: string, type: FilePackageType, bytes: Uint8Array, limits: ArchiveLimits): Promise<Buffer> {
  switch (type) {
    case 'bdist_wheel':
      return wheelMetadata(filename, bytes, limits);
    case 'bdist_egg':
      return zipPkgInfo(filename, bytes, limits, false);
    case 'bdist_wininst':
      return zipPkgInfo(filename, bytes, limits, true);
    case 'sdist':
      if (filename.endsWith('.zip')) return zipPkgInfo(filename, bytes, limits, false);
      if (filename.endsWith('.tar.gz')) return tarGzPkgInfo(filename, bytes, limits);
      // Node has no bzip2; PyPI has refused .tar.bz2 uploads since PEP 527.
      throw new PythonClientError(
        'unsupported-archive',
        `Reading .tar.bz2 sdists is not supported: ${filename}. Upload a .tar.gz sdist or a wheel.`,
      );
  }
}

// A wheel whose filename disagrees with its METADATA breaks installers (pip checks both).
function checkWheelAgainstMetadata(filename: string, metadata: CoreMetadata): void {
  const wheel = parseWheelFilename(filename);
  if (wheel.normalizedName !== normalizeName(metadata.name)) {
    throw new PythonClientError('invalid-metadata', `Wheel filename ${filename} does not match the project name '${metadata.name}' in its METADATA`);
  }
  if (canonicalVersion(wheel.versionText, { stripTrailingZeros: true }) !== canonicalVersion(metadata.version, { stripTrailingZeros: true })) {
    throw new PythonClientError('invalid-metadata', `Wheel filename ${filename} does not match the version '${metadata.version}' in its METADATA`);
  }
}

/** Extracts what an index stores; throws (rejects with) a `PythonClientError` for bad input. */
export async function extractPackage(
  filename: string,
  bytes: Uint8Array,
  limits: ArchiveLimits = EXTRACTION_LIMITS,
): Promise<ExtractedPackage> {
  const packagetype = requirePackageType(filename);
  if (packagetype === 'bdist_wheel') parseWheelFilename(filename);
  const raw = await metadataBytes(filename, packagetype, bytes, limits);
  const metadata = parseCoreMetadata(raw);
  if (packagetype === 'bdist_wheel') checkWheelAgainstMetadata(filename, metadata);
  return {
    filename,
    packagetype,
    python_version: pythonVersionOf(filename),
    sha256: sha256Hex(bytes),
    size: bytes.byteLength,
    name_normalized: normalizeName(metadata.name),
    metadata,
    metadataFile: packagetype === 'bdist_wheel' ? { bytes: raw, sha256: sha256Hex(raw) } : null,
  };
}
