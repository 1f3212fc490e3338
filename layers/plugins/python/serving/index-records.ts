// Stored units and upstream files as the index renderers' records.

import type { ContentUnit } from '../../../plugin-api';
import { METADATA_FIELDS } from '../content/package-fields';
import type { IndexFile, JsonApiFile } from '../index/records';
import type { CoreMetadata } from '../metadata/core-metadata';
import type { UpstreamFile } from '../upstream/upstream-pages';
import { versionFromFilename } from '../filenames/file-version';

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

export function indexFileOfUnit(unit: ContentUnit, url: string): IndexFile {
  const f = unit.fields;
  return {
    filename: str(f.filename),
    url,
    version: str(f.version),
    sha256: str(f.sha256),
    size: Number(f.size ?? 0),
    // The time it was uploaded here, or upstream; else when the unit was made.
    uploadTime: str(f.upload_time) || unit.pulpCreated,
    requiresPython: str(f.requires_python) || null,
    yanked: f.yanked === true,
    yankedReason: str(f.yanked_reason) || null,
    metadataSha256: str(f.metadata_sha256) || null,
  };
}

export function jsonApiFileOfUnit(unit: ContentUnit, url: string): JsonApiFile {
  const metadata = Object.fromEntries(METADATA_FIELDS.map((field) => [field, str(unit.fields[field])])) as Omit<CoreMetadata, 'name' | 'version'>;
  return {
    ...indexFileOfUnit(unit, url),
    packagetype: str(unit.fields.packagetype),
    pythonVersion: str(unit.fields.python_version),
    md5: unit.artifact?.md5 ?? '',
    metadata: { ...metadata, name: str(unit.fields.name), version: str(unit.fields.version) },
  };
}

/** An upstream file shown by a pull-through index, downloaded through this server. */
export function indexFileOfUpstream(file: UpstreamFile, project: string, url: string): IndexFile | null {
  const version = versionFromFilename(file.filename, project);
  if (version === null || !file.sha256) return null;
  return {
    filename: file.filename,
    url,
    version,
    sha256: file.sha256,
    size: file.size ?? 0,
    uploadTime: file.uploadTime,
    requiresPython: file.requiresPython || null,
    yanked: file.yanked,
    yankedReason: file.yankedReason || null,
    metadataSha256: file.metadataSha256,
  };
}
