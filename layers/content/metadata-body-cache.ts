/** Total bytes kept at most, and the largest single body worth keeping. */
export const DEFAULT_METADATA_CACHE_BYTES = 32 * 1024 * 1024;
export const DEFAULT_METADATA_CACHE_ITEM_BYTES = 4 * 1024 * 1024;

/**
 * The bodies of published metadata files (PULP_MANIFEST), by storage key and sha256. A
 * publication writes `publications/<id>/<name>` once, before the publication exists, and never
 * again, so the bytes under a key are immutable; the sha256 in the key guards against a key
 * ever being reused for other bytes. Bounded by total bytes, least recently used out first.
 * Concurrent misses for one key share one load.
 */
export class MetadataBodyCache {
  private readonly bodies = new Map<string, Buffer>();
  private readonly loading = new Map<string, Promise<Buffer>>();
  private bytes = 0;

  constructor(
    private readonly maxBytes = DEFAULT_METADATA_CACHE_BYTES,
    private readonly maxItemBytes = DEFAULT_METADATA_CACHE_ITEM_BYTES,
  ) {}

  async get(storageKey: string, sha256: string, load: () => Promise<Buffer>): Promise<Buffer> {
    const key = `${storageKey}\u0000${sha256}`;
    const hit = this.bodies.get(key);
    if (hit) {
      this.bodies.delete(key);
      this.bodies.set(key, hit);
      return hit;
    }
    const pending = this.loading.get(key);
    if (pending) return pending;
    const loaded = load().finally(() => this.loading.delete(key));
    this.loading.set(key, loaded);
    const body = await loaded;
    if (body.length <= this.maxItemBytes && body.length <= this.maxBytes && !this.bodies.has(key)) {
      this.bodies.set(key, body);
      this.bytes += body.length;
      for (const [oldest, old] of this.bodies) {
        if (this.bytes <= this.maxBytes) break;
        this.bodies.delete(oldest);
        this.bytes -= old.length;
      }
    }
    return body;
  }

  /** Bytes held (for tests and metrics). */
  get size(): number {
    return this.bytes;
  }
}
