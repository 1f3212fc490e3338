import type { VersionUnit } from '../models/content';

/** A change request the repository cannot take; the version is not created. */
export class VersionConflict extends Error {}

export interface VersionChange {
  /** Content of the version the change starts from (empty for a mirror). */
  base: readonly VersionUnit[];
  add: readonly VersionUnit[];
  remove: readonly string[] | '*';
}

/** Names a type's repository key for messages, e.g. `relative_path` for file.file. */
export type KeyNames = (pulpType: string) => string;

const identity = (u: VersionUnit): string => `${u.pulpType}\u0000${u.key}`;

/**
 * The content of a new repository version, Pulp's way: removals first, then additions; a
 * newly added unit replaces an older one with the same repository key (of the same type);
 * two new units with one key refuse the whole change. Type-specific rules (paths that
 * overlap, say) are checked by the caller on the result.
 */
export function planVersion(change: VersionChange, keyNames: KeyNames): Map<string, VersionUnit> {
  const units = new Map<string, VersionUnit>(change.base.map((u) => [u.id, u]));
  if (change.remove === '*') units.clear();
  else for (const id of change.remove) units.delete(id);

  const seen = new Set<string>();
  const fresh = change.add.filter((u) => {
    if (units.has(u.id) || seen.has(u.id)) return false;
    seen.add(u.id);
    return true;
  });
  const byKey = new Map<string, VersionUnit>();
  const duplicates = new Map<string, Set<string>>();
  for (const u of fresh) {
    const k = identity(u);
    if (byKey.has(k)) duplicates.set(u.pulpType, (duplicates.get(u.pulpType) ?? new Set()).add(u.key));
    byKey.set(k, u);
  }
  for (const [pulpType, keys] of duplicates) {
    throw new VersionConflict(
      `More than one ${pulpType} content with the duplicate values for ${keyNames(pulpType)}: ${[...keys].sort().join(', ')}.`,
    );
  }
  for (const [id, u] of units) if (byKey.has(identity(u))) units.delete(id);
  for (const u of fresh) units.set(u.id, u);
  return units;
}
