/** One line of a PULP_MANIFEST. */
export interface ManifestEntry {
  relativePath: string;
  sha256: string;
  size: number;
}

/**
 * Writes a PULP_MANIFEST: `relative_path,sha256,size` per line, sorted by path so the same
 * version always publishes the same bytes. Readers split with rsplit(',', 2), so commas in
 * paths need no escaping.
 */
export function writeManifest(entries: Iterable<ManifestEntry>): string {
  const sorted = [...entries].sort((a, b) => (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0));
  return sorted.map((e) => `${e.relativePath},${e.sha256},${e.size}\n`).join('');
}
