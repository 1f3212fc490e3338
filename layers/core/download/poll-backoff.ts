/**
 * How long a task waits before it next looks for fetch results: briefly while results keep
 * arriving, and for `steadyMs` after the last one (a job of many files takes a while, and a
 * sync's jobs finish in waves: backing off between waves would leave every wave's results
 * waiting on the poll), then doubling up to the configured interval while nothing comes (an
 * idle wait costs few reads).
 */
export class PollBackoff {
  private waitMs: number;
  private lastFoundAt: number;
  /** The shortest wait now: minMs, or more once results are known to come slower (pace()). */
  private floorMs: number;

  constructor(
    private readonly minMs: number,
    private readonly maxMs: number,
    private readonly steadyMs = 0,
    now = Date.now(),
  ) {
    this.waitMs = Math.min(minMs, maxMs);
    this.floorMs = this.waitMs;
    this.lastFoundAt = now;
  }

  /**
   * Raises (or lowers) the shortest wait to `ms`, within minMs and maxMs: polling much faster
   * than results can come costs reads that find nothing.
   */
  pace(ms: number): void {
    this.floorMs = Math.min(this.maxMs, Math.max(this.minMs, ms));
  }

  /** The wait before the next poll, given whether the last one found anything. */
  next(found: boolean, now = Date.now()): number {
    if (found) this.lastFoundAt = now;
    const steady = found || now - this.lastFoundAt < this.steadyMs;
    this.waitMs = steady ? Math.min(this.floorMs, this.maxMs) : Math.min(this.maxMs, Math.max(this.floorMs, this.waitMs * 2));
    return this.waitMs;
  }

  /** The wait before the first poll. */
  get first(): number {
    return Math.min(this.minMs, this.maxMs);
  }
}
