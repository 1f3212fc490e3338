import type { Queryable } from '../database';

/** Artifact ids by sha256 for those of `sha256s` already stored: one query per 10,000. */
export async function knownArtifacts(db: Queryable, sha256s: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < sha256s.length; i += 10_000) {
    const { rows } = await db.query<{ sha256: string; id: string }>('SELECT sha256, id FROM artifacts WHERE sha256 = ANY($1::text[])', [
      sha256s.slice(i, i + 10_000),
    ]);
    for (const r of rows) found.set(r.sha256, r.id);
  }
  return found;
}
