/** Exponential backoff with jitter: ~0.2 s, 0.4 s, 0.8 s ... capped at 10 s. */
export function backoffMs(attempt: number, baseMs = 200, capMs = 10_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable error, or `maxRetries` retries
 * are spent. The last error is rethrown as is.
 */
export async function withRetries<T>(
  maxRetries: number,
  attempt: (n: number) => Promise<T>,
  isRetryable: (err: unknown) => boolean,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      if (n >= maxRetries || !isRetryable(err)) throw err;
      await sleep(backoffMs(n));
    }
  }
}
