/**
 * Values loaded on first ask and reused for `ttlMs`, at most `max` kept: for what changes
 * rarely and may be read on every request (a distribution's content guard).
 */
export class ExpiringCache<V> {
  private readonly entries = new Map<string, { value: Promise<V>; at: number }>();

  constructor(
    private readonly load: (key: string) => Promise<V>,
    private readonly ttlMs: number,
    private readonly max = 1_000,
  ) {}

  get(key: string): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value;
    const value = this.load(key);
    // A failed load is not remembered: the next ask tries again.
    value.catch(() => this.entries.delete(key));
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, at: Date.now() });
    return value;
  }
}
