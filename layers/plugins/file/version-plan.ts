import { duplicatePaths, overlappingPaths, type PathUnit } from './path-rules';

/** A change request the repository cannot take; the version is not created. */
export class VersionConflict extends Error {}

export interface VersionChange {
  /** Content of the version the change starts from (empty for a mirror). */
  base: readonly PathUnit[];
  add: readonly PathUnit[];
  remove: readonly string[] | '*';
}

/**
 * The content of a new file repository version, Pulp's way: removals first, then additions;
 * a newly added unit replaces an older one at the same relative_path; two new units at one
 * path, or a path that is a directory of another, refuse the whole change.
 */
export function planVersion(change: VersionChange): Map<string, PathUnit> {
  const units = new Map<string, PathUnit>(change.base.map((u) => [u.id, u]));
  if (change.remove === '*') units.clear();
  else for (const id of change.remove) units.delete(id);

  const seen = new Set<string>();
  const fresh = change.add.filter((u) => {
    if (units.has(u.id) || seen.has(u.id)) return false;
    seen.add(u.id);
    return true;
  });
  const dups = duplicatePaths(fresh);
  if (dups.length)
    throw new VersionConflict(
      `More than one file.file content with the duplicate values for relative_path: ${dups.join(', ')}.`,
    );
  const freshPaths = new Set(fresh.map((u) => u.relativePath));
  for (const [id, u] of units) if (freshPaths.has(u.relativePath)) units.delete(id);
  for (const u of fresh) units.set(u.id, u);

  const overlaps = overlappingPaths([...units.values()].map((u) => u.relativePath));
  if (overlaps.length) {
    const shown = overlaps.slice(0, 5).map(([a, b]) => `${a} and ${b}`).join('; ');
    throw new VersionConflict(`Repository version errors : Paths overlap: ${shown}.`);
  }
  return units;
}
