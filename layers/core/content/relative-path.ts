/**
 * The most UTF-8 bytes a relative path may take: it sits in unique btree indexes, whose entries
 * hold about 2.7 kB, beside a digest.
 */
export const MAX_RELATIVE_PATH_BYTES = 2048;

/** Pulp's rule for a manifest path: relative, no empty parts (`^[^/]+(/[^/]+)*$`). */
const SHAPE = /^[^/]+(\/[^/]+)*$/;
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A segment that is `.` or `..`, or becomes one (or a separator) once percent-decoded. */
function isTraversal(segment: string): boolean {
  if (segment === '.' || segment === '..') return true;
  if (!segment.includes('%')) return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return false; // not an escape sequence, so nothing downstream decodes it either
  }
  return decoded === '.' || decoded === '..' || decoded.includes('/') || decoded.includes('\\');
}

/**
 * A path a file may be published under: relative, no empty, `.` or `..` segments (they would
 * escape the distribution or alias another path), none that percent-decode to one, no
 * backslash (browsers read it as `/`), no NUL or other control characters.
 */
export function isSafeRelativePath(path: string): boolean {
  if (!SHAPE.test(path) || CONTROL.test(path) || path.includes('\\')) return false;
  return !path.split('/').some(isTraversal);
}
