// PEP 691 JSON pages of the simple index at API version 1.1 (PEP 700: `versions`, `size`,
// `upload-time`), with PEP 592 yanked and PEP 714 `core-metadata` (plus the older
// `dist-info-metadata` name that pip falls back to).

import { sortVersionStrings } from '../versions/compare';
import { normalizeName } from '../names/project-name';
import { SIMPLE_API_VERSION } from './simple-html';
import { formatUploadTime } from './upload-time';
import type { IndexFile, IndexProject } from './records';

export interface SimpleMeta {
  /** PyPI's private `_last-serial`; left out when not given. */
  readonly lastSerial?: number;
}

export interface SimpleJsonFile {
  filename: string;
  url: string;
  hashes: { sha256: string };
  'requires-python': string | null;
  'core-metadata': { sha256: string } | false;
  'dist-info-metadata': { sha256: string } | false;
  size: number;
  'upload-time'?: string;
  yanked: boolean | string;
}

const meta = (options: SimpleMeta): Record<string, string | number> => ({
  'api-version': SIMPLE_API_VERSION,
  ...(options.lastSerial === undefined ? {} : { '_last-serial': options.lastSerial }),
});

export function simpleIndexJson(projectNames: readonly string[], options: SimpleMeta = {}): object {
  const serial = options.lastSerial === undefined ? {} : { '_last-serial': options.lastSerial };
  return { meta: meta(options), projects: projectNames.map((name) => ({ name, ...serial })) };
}

export function simpleFileJson(file: IndexFile): SimpleJsonFile {
  const metadata = file.metadataSha256 ? { sha256: file.metadataSha256 } : false;
  return {
    filename: file.filename,
    url: file.url,
    hashes: { sha256: file.sha256 },
    'requires-python': file.requiresPython || null,
    'core-metadata': metadata,
    'dist-info-metadata': metadata,
    size: file.size,
    ...(file.uploadTime === null ? {} : { 'upload-time': formatUploadTime(file.uploadTime) }),
    yanked: file.yanked ? file.yankedReason || true : false,
  };
}

/** The project page: normalized `name`, files in the order given, `versions` in PEP 440 order. */
export function simpleProjectJson(project: IndexProject, options: SimpleMeta = {}): object {
  return {
    meta: meta(options),
    name: normalizeName(project.name),
    files: project.files.map(simpleFileJson),
    versions: sortVersionStrings(project.files.map((file) => file.version)),
  };
}
