// The version a distribution's filename carries, given the project it belongs to.

import { normalizeName } from '../names/project-name';
import { parseWheelFilename } from './wheel-filename';

const EXTENSIONS = /(\.tar\.gz|\.tar\.bz2|\.zip|\.egg|\.exe)$/;

/**
 * The version a filename carries for a project: a wheel's second part, else what follows the
 * project's name (`foo-bar-1.0.tar.gz`, `foo-1.0-py2.7.egg`, `foo-1.0.win32.exe`). Null when
 * the filename is not one of the project's.
 */
export function versionFromFilename(filename: string, project: string): string | null {
  const wanted = normalizeName(project);
  if (filename.endsWith('.whl')) {
    try {
      const wheel = parseWheelFilename(filename);
      return wheel.normalizedName === wanted ? wheel.versionText : null;
    } catch {
      return null;
    }
  }
  const stem = filename.replace(EXTENSIONS, '');
  if (stem === filename) return null;
  const parts = stem.split('-');
  for (let i = 1; i < parts.length; i++) {
    if (normalizeName(parts.slice(0, i).join('-')) !== wanted) continue;
    const rest = parts.slice(i);
    if (filename.endsWith('.egg')) return rest[0] ?? null;
    const version = rest.join('-');
    return filename.endsWith('.exe') ? version.replace(/\.(win|linux|macosx|cygwin)[\s\S]*$/, '') : version;
  }
  return null;
}
