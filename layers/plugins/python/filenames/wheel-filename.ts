// Wheel filenames: `{name}-{version}(-{build tag})?-{python tag}-{abi tag}-{platform tag}.whl`
// (the binary distribution format spec; compressed tag sets such as `py2.py3` allowed).

import { PythonClientError } from '../client-error';
import { normalizeName } from '../names/project-name';
import { formatVersion, tryParseVersion, type Version } from '../versions/version';

export interface WheelFilename {
  /** The name part as written (escaped: `_` for runs of `-_.`). */
  readonly name: string;
  readonly normalizedName: string;
  readonly version: Version;
  /** The version part as written. */
  readonly versionText: string;
  /** Build number and the rest of the build tag, or null. */
  readonly build: readonly [number, string] | null;
  readonly pythonTag: string;
  readonly abiTag: string;
  readonly platformTag: string;
  /** The expanded `python-abi-platform` tags (`py2.py3-none-any` → two). */
  readonly tags: readonly string[];
}

const NAME = /^[A-Za-z0-9_.]+$/;
const BUILD = /^([0-9]+)(.*)$/;
const TAG = /^[A-Za-z0-9_.]+$/;

function invalid(filename: string, reason: string): PythonClientError {
  return new PythonClientError('invalid-filename', `Invalid wheel filename (${reason}): ${filename}`);
}

/** Parses a wheel filename; throws a `PythonClientError` ('invalid-filename') saying why. */
export function parseWheelFilename(filename: string): WheelFilename {
  if (!filename.endsWith('.whl')) throw invalid(filename, "extension must be '.whl'");
  const parts = filename.slice(0, -4).split('-');
  if (parts.length !== 5 && parts.length !== 6) throw invalid(filename, 'wrong number of parts');
  const [name, versionText] = parts as [string, string];
  if (!NAME.test(name) || name.includes('__')) throw invalid(filename, `invalid project name '${name}'`);
  const version = tryParseVersion(versionText);
  if (!version) throw invalid(filename, `invalid version '${versionText}'`);
  let build: [number, string] | null = null;
  if (parts.length === 6) {
    const match = BUILD.exec(parts[2]!);
    if (!match) throw invalid(filename, `invalid build number '${parts[2]}'`);
    build = [Number(match[1]), match[2]!];
  }
  const [pythonTag, abiTag, platformTag] = parts.slice(-3) as [string, string, string];
  for (const tag of [pythonTag, abiTag, platformTag]) {
    if (!TAG.test(tag) || tag.split('.').includes('')) throw invalid(filename, `invalid tag '${tag}'`);
  }
  const tags = pythonTag
    .split('.')
    .flatMap((py) => abiTag.split('.').flatMap((abi) => platformTag.split('.').map((plat) => `${py}-${abi}-${plat}`)));
  return {
    name,
    normalizedName: normalizeName(name),
    version,
    versionText,
    build,
    pythonTag,
    abiTag,
    platformTag,
    tags,
  };
}

/** Escapes a project name for a wheel or sdist filename (`my.pkg-x` → `my_pkg_x`). */
export function escapeFilenameName(name: string): string {
  return normalizeName(name).replace(/-/g, '_');
}

/** The wheel filename for name, version and tags (`py3-none-any` unless given). */
export function wheelFilename(name: string, version: Version, tags = 'py3-none-any'): string {
  return `${escapeFilenameName(name)}-${formatVersion(version)}-${tags}.whl`;
}
