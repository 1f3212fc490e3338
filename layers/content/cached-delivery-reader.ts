import { sourceKey, type DeliveryReader, type DirectoryEntry, type PublishedFile, type Resolved, type ServedSource } from '../core/ports/delivery-reader';

/** File lookups kept at most (a few hundred bytes each). */
export const DEFAULT_FILE_CACHE_ENTRIES = 10_000;
/** Directory entries kept at most, summed over every cached listing. */
export const DEFAULT_LISTING_CACHE_ENTRIES = 50_000;

const MISS = Symbol('miss');

/** A Map used as a least-recently-used cache, bounded by a weight per value. */
class Lru<V> {
  private readonly values = new Map<string, { value: V; weight: number }>();
  private total = 0;

  constructor(private readonly maxWeight: number) {}

  get(key: string): V | undefined {
    const hit = this.values.get(key);
    if (!hit) return undefined;
    this.values.delete(key);
    this.values.set(key, hit);
    return hit.value;
  }

  set(key: string, value: V, weight = 1): void {
    if (weight > this.maxWeight || this.values.has(key)) return;
    this.values.set(key, { value, weight });
    this.total += weight;
    for (const [oldest, entry] of this.values) {
      if (this.total <= this.maxWeight) break;
      this.values.delete(oldest);
      this.total -= entry.weight;
    }
  }

  get size(): number {
    return this.values.size;
  }
}

/**
 * A DeliveryReader that remembers what a publication or a version holds. Both are immutable:
 * a publication's metadata files and a version's content never change, and an artifact's sha256
 * (hence its key) never changes, so a stored file, or the absence of a path, once found stays
 * the right answer for as long as the source exists. Which source a path resolves to is NOT
 * cached (distributions move at any moment), so a deleted or replaced one is simply never
 * asked about again.
 *
 * Not cached: content without an artifact yet (on-demand, streamed), which changes when the
 * artifact arrives, and listings that show a file of unknown size (its artifact may arrive
 * and give it one). Both caches are bounded, least recently used out first.
 */
export class CachedDeliveryReader implements DeliveryReader {
  private readonly files: Lru<PublishedFile | typeof MISS>;
  private readonly listings: Lru<DirectoryEntry[]>;

  constructor(
    private readonly inner: DeliveryReader,
    limits: { files?: number; listingEntries?: number } = {},
  ) {
    this.files = new Lru(limits.files ?? DEFAULT_FILE_CACHE_ENTRIES);
    this.listings = new Lru(limits.listingEntries ?? DEFAULT_LISTING_CACHE_ENTRIES);
  }

  listBasePaths(): Promise<Array<{ basePath: string; name: string }>> {
    return this.inner.listBasePaths();
  }

  resolve(path: string): Promise<Resolved | undefined> {
    return this.inner.resolve(path);
  }

  async findFile(source: ServedSource, relativePath: string): Promise<PublishedFile | undefined> {
    const key = `${sourceKey(source)}\u0000${relativePath}`;
    const hit = this.files.get(key);
    if (hit !== undefined) return hit === MISS ? undefined : hit;
    const file = await this.inner.findFile(source, relativePath);
    if (!file) this.files.set(key, MISS);
    else if (file.kind !== 'remote') this.files.set(key, file);
    return file;
  }

  async listDirectory(source: ServedSource, dirPath: string): Promise<DirectoryEntry[]> {
    const key = `${sourceKey(source)}\u0000${dirPath}`;
    const hit = this.listings.get(key);
    if (hit) return hit;
    const entries = await this.inner.listDirectory(source, dirPath);
    if (entries.every((e) => e.isDirectory || e.size !== null)) this.listings.set(key, entries, Math.max(1, entries.length));
    return entries;
  }

  /** Entries held (for tests and metrics). */
  get sizes(): { files: number; listings: number } {
    return { files: this.files.size, listings: this.listings.size };
  }
}
