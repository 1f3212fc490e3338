// The plain records the index renderers take: what the plugin reads from its store for one
// project page, independent of how it stores them.

import type { CoreMetadata } from '../metadata/core-metadata';

export interface IndexFile {
  readonly filename: string;
  /** Where the file is downloaded from, without a fragment (the renderers add `#sha256=`). */
  readonly url: string;
  readonly version: string;
  readonly sha256: string;
  readonly size: number;
  /** When the file entered the repository; null when unknown (then PEP 700's key is left out). */
  readonly uploadTime: Date | string | null;
  /** Requires-Python; '' or null for none. */
  readonly requiresPython: string | null;
  readonly yanked: boolean;
  readonly yankedReason: string | null;
  /** sha256 of `<url>.metadata`, or null when no metadata file is served for this file. */
  readonly metadataSha256: string | null;
}

export interface IndexProject {
  /** The project name as stored (display form); URLs and JSON `name` use the normalized one. */
  readonly name: string;
  readonly files: readonly IndexFile[];
}

/** A file with what the PyPI JSON API adds: type, python tag and the core metadata fields. */
export interface JsonApiFile extends IndexFile {
  readonly packagetype: string;
  readonly pythonVersion: string;
  /** md5 when known ('' otherwise, as pulp_python sends for files without one). */
  readonly md5: string;
  readonly metadata: CoreMetadata;
}

export interface JsonApiProject {
  readonly name: string;
  readonly files: readonly JsonApiFile[];
}
