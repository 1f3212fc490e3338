// Source distribution filenames: `{name}-{version}.tar.gz` (also `.zip` and the old `.tar.bz2`).
// The version is what follows the last dash, as the packaging library splits it.

import { PythonClientError } from '../client-error';
import { normalizeName } from '../names/project-name';
import { tryParseVersion, type Version } from '../versions/version';

export const SDIST_EXTENSIONS = ['.tar.gz', '.zip', '.tar.bz2'] as const;
export type SdistExtension = (typeof SDIST_EXTENSIONS)[number];

export interface SdistFilename {
  readonly name: string;
  readonly normalizedName: string;
  readonly version: Version;
  readonly versionText: string;
  readonly extension: SdistExtension;
}

function invalid(filename: string, reason: string): PythonClientError {
  return new PythonClientError('invalid-filename', `Invalid sdist filename (${reason}): ${filename}`);
}

/** Parses an sdist filename; throws a `PythonClientError` ('invalid-filename') saying why. */
export function parseSdistFilename(filename: string): SdistFilename {
  const extension = SDIST_EXTENSIONS.find((ext) => filename.endsWith(ext));
  if (!extension) throw invalid(filename, "extension must be '.tar.gz', '.zip' or '.tar.bz2'");
  const stem = filename.slice(0, -extension.length);
  const dash = stem.lastIndexOf('-');
  if (dash <= 0) throw invalid(filename, 'no version');
  const name = stem.slice(0, dash);
  const versionText = stem.slice(dash + 1);
  const version = tryParseVersion(versionText);
  if (!version) throw invalid(filename, `invalid version '${versionText}'`);
  return { name, normalizedName: normalizeName(name), version, versionText, extension };
}
