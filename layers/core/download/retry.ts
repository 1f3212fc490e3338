/** The most retries any download gets, whatever a remote's max_retries says. */
export const MAX_RETRIES_CEILING = 10;

/** Exponential backoff with jitter: ~0.2 s, 0.4 s, 0.8 s ... capped at 10 s. */
export function backoffMs(attempt: number, baseMs = 200, capMs = 10_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const done = () => {
      signal?.removeEventListener('abort', stop);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', stop, { once: true });
  });
}

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable error, `maxRetries` retries
 * (at most MAX_RETRIES_CEILING) are spent, or `signal` aborts (a cancel, the task's deadline):
 * then the signal's reason is thrown. Otherwise the last error is rethrown as is.
 */
export async function withRetries<T>(
  maxRetries: number,
  attempt: (n: number) => Promise<T>,
  isRetryable: (err: unknown) => boolean,
  sleep: (ms: number) => Promise<void> = (ms) => abortableSleep(ms),
  signal?: AbortSignal,
): Promise<T> {
  const retries = Math.max(0, Math.min(maxRetries, MAX_RETRIES_CEILING));
  for (let n = 0; ; n++) {
    if (signal?.aborted) throw signal.reason;
    try {
      return await attempt(n);
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      if (n >= retries || !isRetryable(err)) throw err;
      await sleep(backoffMs(n));
    }
  }
}
