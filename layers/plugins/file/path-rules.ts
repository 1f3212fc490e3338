/**
 * Pulp's path rule for a file repository version beyond "one unit per relative_path": no path
 * may be a directory of another (`a` vs `a/b`), since both could not be served.
 */

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

/** Pulp's message for a version whose paths overlap, naming the first few pairs; undefined when none do. */
export function overlapProblem(paths: readonly string[]): string | undefined {
  const overlaps = overlappingPaths(paths);
  if (!overlaps.length) return undefined;
  const shown = overlaps.slice(0, 5).map(([a, b]) => `${a} and ${b}`).join('; ');
  return `Repository version errors : Paths overlap: ${shown}.`;
}
