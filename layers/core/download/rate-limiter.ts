/** Spaces request starts so no more than `perSecond` begin in any second (Pulp's `rate_limit`). */
export class RateLimiter {
  private next = 0;

  constructor(private readonly perSecond: number | null | undefined) {}

  async take(): Promise<void> {
    if (!this.perSecond || this.perSecond <= 0) return;
    const now = Date.now();
    const at = Math.max(now, this.next);
    this.next = at + 1000 / this.perSecond;
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
  }
}
