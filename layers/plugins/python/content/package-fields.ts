// The fields of a `python.python` unit (pulp_python's PythonPackageContent), built one way
// from extracted bytes and one way from an index entry, so every unit has every column.

import type { ExtractedPackage } from '../extraction/extract-package';
import type { CoreMetadata } from '../metadata/core-metadata';
import { normalizeName } from '../names/project-name';

/** Core metadata fields in pulp_python's order; list and dict fields hold JSON text. */
export const METADATA_FIELDS = [
  'metadata_version',
  'summary',
  'description',
  'description_content_type',
  'keywords',
  'home_page',
  'download_url',
  'author',
  'author_email',
  'maintainer',
  'maintainer_email',
  'license',
  'license_expression',
  'license_file',
  'platform',
  'supported_platform',
  'classifiers',
  'requires_dist',
  'provides_dist',
  'obsoletes_dist',
  'requires_external',
  'requires_python',
  'project_url',
  'project_urls',
  'provides_extras',
  'dynamic',
] as const satisfies readonly (keyof CoreMetadata)[];

export type MetadataField = (typeof METADATA_FIELDS)[number];

const JSON_LISTS = new Set<MetadataField>(['license_file', 'classifiers', 'requires_dist', 'provides_dist', 'obsoletes_dist', 'requires_external', 'provides_extras', 'dynamic']);

/** What a unit stores: the file, its place in the index, and its core metadata. */
export interface PackageFields extends Record<MetadataField, string> {
  filename: string;
  packagetype: string;
  name: string;
  name_normalized: string;
  version: string;
  sha256: string;
  /** '' when no `<file>.metadata` is served for it. */
  metadata_sha256: string;
  size: number;
  python_version: string;
  /** ISO time; null until known (then the unit's creation time stands in). */
  upload_time: string | null;
  yanked: boolean;
  yanked_reason: string;
}

/** Metadata of a file known only from an index: empty values in pulp_python's encodings. */
export function emptyMetadata(): Record<MetadataField, string> {
  return Object.fromEntries(METADATA_FIELDS.map((f) => [f, JSON_LISTS.has(f) ? '[]' : f === 'project_urls' ? '{}' : ''])) as Record<MetadataField, string>;
}

export function metadataOf(metadata: CoreMetadata): Record<MetadataField, string> {
  return Object.fromEntries(METADATA_FIELDS.map((f) => [f, metadata[f]])) as Record<MetadataField, string>;
}

export interface PackageExtras {
  uploadTime: string | null;
  yanked?: boolean;
  yankedReason?: string;
  /** sha256 of the stored METADATA file; '' for none. */
  metadataSha256: string;
}

/** A unit's fields from the bytes of its file (upload, create, pull-through, repair). */
export function fieldsFromPackage(extracted: ExtractedPackage, extras: PackageExtras): PackageFields {
  return {
    filename: extracted.filename,
    packagetype: extracted.packagetype,
    name: extracted.metadata.name,
    name_normalized: extracted.name_normalized,
    version: extracted.metadata.version,
    sha256: extracted.sha256,
    metadata_sha256: extras.metadataSha256,
    size: extracted.size,
    python_version: extracted.python_version,
    upload_time: extras.uploadTime,
    yanked: extras.yanked ?? false,
    yanked_reason: extras.yanked ? (extras.yankedReason ?? '') : '',
    ...metadataOf(extracted.metadata),
  };
}

/** What an index page says of one file (sync). */
export interface IndexedFile {
  filename: string;
  packagetype: string;
  project: string;
  version: string;
  sha256: string;
  size: number | null;
  pythonVersion: string;
  requiresPython: string;
  uploadTime: string | null;
  yanked: boolean;
  yankedReason: string;
}

/**
 * A unit's fields from an index entry, and from the file's METADATA when it was fetched.
 * `metadataSha256` is the `.metadata` file the unit serves ('' for none).
 */
export function fieldsFromIndex(file: IndexedFile, metadataSha256: string, parsed: CoreMetadata | null): PackageFields {
  const matches = parsed !== null && normalizeName(parsed.name) === normalizeName(file.project);
  const meta = matches ? metadataOf(parsed) : emptyMetadata();
  if (!meta.requires_python) meta.requires_python = file.requiresPython;
  return {
    filename: file.filename,
    packagetype: file.packagetype,
    name: matches ? parsed.name : file.project,
    name_normalized: normalizeName(file.project),
    version: file.version,
    sha256: file.sha256,
    metadata_sha256: metadataSha256,
    size: file.size ?? 0,
    python_version: file.pythonVersion,
    upload_time: file.uploadTime,
    yanked: file.yanked,
    yanked_reason: file.yanked ? file.yankedReason : '',
    ...meta,
  };
}

/** The `.metadata` file served beside a wheel (PEP 658). */
export const metadataPath = (filename: string): string => `${filename}.metadata`;
