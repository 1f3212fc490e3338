/**
 * Pulp's path rules for a file repository version: no two units at one relative_path, and no
 * path that is a directory of another (`a` vs `a/b`), since both could not be served.
 */
export interface PathUnit {
  id: string;
  relativePath: string;
}

/** Relative paths that appear more than once. */
export function duplicatePaths(units: readonly PathUnit[]): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const u of units) {
    if (seen.has(u.relativePath)) dups.add(u.relativePath);
    seen.add(u.relativePath);
  }
  return [...dups].sort();
}

/** Pairs [dir, file] where `dir` is itself a unit's path and an ancestor directory of `file`. */
export function overlappingPaths(paths: readonly string[]): Array<[string, string]> {
  const files = new Set(paths);
  const out: Array<[string, string]> = [];
  for (const path of files) {
    let slash = path.indexOf('/');
    while (slash > 0) {
      const dir = path.slice(0, slash);
      if (files.has(dir)) out.push([dir, path]);
      slash = path.indexOf('/', slash + 1);
    }
  }
  return out.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
}
