// A distribution's package type from its file extension, as pulp_python (and twine) derive it,
// and the `python_version` pulp_python stores beside it.

import { PythonClientError } from '../client-error';
import { parseWheelFilename } from './wheel-filename';

export type FilePackageType = 'bdist_wheel' | 'bdist_wininst' | 'bdist_egg' | 'sdist';

/** Every package type a remote may filter on (PyPI's `packagetype` values). */
export const PACKAGE_TYPES = [
  'bdist_dmg',
  'bdist_dumb',
  'bdist_egg',
  'bdist_msi',
  'bdist_rpm',
  'bdist_wheel',
  'bdist_wininst',
  'sdist',
] as const;
export type PackageType = (typeof PACKAGE_TYPES)[number];

/** Extension → package type, longest match first (`.tar.gz` before a bare `.gz` could match). */
export const DIST_EXTENSIONS: readonly (readonly [string, FilePackageType])[] = [
  ['.whl', 'bdist_wheel'],
  ['.exe', 'bdist_wininst'],
  ['.egg', 'bdist_egg'],
  ['.tar.bz2', 'sdist'],
  ['.tar.gz', 'sdist'],
  ['.zip', 'sdist'],
];

/** The package type of a filename, or null when the extension is not a distribution's. */
export function packageTypeOf(filename: string): FilePackageType | null {
  return DIST_EXTENSIONS.find(([extension]) => filename.endsWith(extension))?.[1] ?? null;
}

/** pulp_python's message for an unknown extension (400 on create, upload and the legacy API). */
export function invalidExtensionMessage(filename: string): string {
  return `Extension on ${filename} is not a valid python extension (.whl, .exe, .egg, .tar.gz, .tar.bz2, .zip)`;
}

/** Like `packageTypeOf`, but throws a `PythonClientError` ('invalid-filename') for others. */
export function requirePackageType(filename: string, field?: string): FilePackageType {
  const type = packageTypeOf(filename);
  if (!type) throw new PythonClientError('invalid-filename', invalidExtensionMessage(filename), field);
  return type;
}

// Lenient forms pulp_python uses to find the python tag of eggs and Windows installers:
// `name-1.0-py2.7(-platform).egg`, `name-1.0.win32(-py2.7).exe`.
const EGG = /^(.+?)-(.*?)(?:-(.+?(?:-.+?)?))?\.egg$/;
const EXE = /^(.+?)-(.*?)\.(.+?)(?:-(.+?))?\.exe$/;

/**
 * `python_version` as pulp_python stores it: `source` for sdists, the wheel's python tag
 * (`py3`, `cp312`, `py2.py3`), an egg's `pyX.Y`, and '' when a filename does not say (or is
 * not a valid wheel filename).
 */
export function pythonVersionOf(filename: string): string {
  switch (packageTypeOf(filename)) {
    case 'sdist':
      return 'source';
    case 'bdist_wheel':
      try {
        return parseWheelFilename(filename).pythonTag;
      } catch {
        return '';
      }
    case 'bdist_egg':
      return EGG.exec(filename)?.[3] ?? '';
    case 'bdist_wininst':
      return EXE.exec(filename)?.[4] ?? '';
    case null:
      return '';
  }
}
