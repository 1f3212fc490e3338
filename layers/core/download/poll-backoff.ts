/**
 * How long a task waits before it next looks for fetch results: briefly while results keep
 * arriving (a sync's window refills at the fetchers' pace, not at the poll's), doubling up to
 * the configured interval while nothing comes (an idle wait costs few reads).
 */
export class PollBackoff {
  private waitMs: number;

  constructor(
    private readonly minMs: number,
    private readonly maxMs: number,
  ) {
    this.waitMs = Math.min(minMs, maxMs);
  }

  /** The wait before the next poll, given whether the last one found anything. */
  next(found: boolean): number {
    this.waitMs = found ? Math.min(this.minMs, this.maxMs) : Math.min(this.maxMs, this.waitMs * 2);
    return this.waitMs;
  }

  /** The wait before the first poll. */
  get first(): number {
    return Math.min(this.minMs, this.maxMs);
  }
}
