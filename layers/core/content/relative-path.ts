/** Pulp's rule for a manifest path: relative, no empty parts (`^[^/]+(/[^/]+)*$`). */
const SHAPE = /^[^/]+(\/[^/]+)*$/;

/**
 * A path a file may be published under: relative, no empty, `.` or `..` segments (they would
 * escape the distribution or alias another path), no NUL or other control characters.
 */
export function isSafeRelativePath(path: string): boolean {
  if (!SHAPE.test(path)) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return false;
  return path.split('/').every((segment) => segment !== '.' && segment !== '..');
}
