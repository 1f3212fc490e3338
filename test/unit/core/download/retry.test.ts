import { describe, expect, it } from 'vitest';
import { abortableSleep, backoffMs, withRetries } from '../../../../layers/core/download/retry';

class Flaky extends Error {
  constructor(readonly retryable: boolean) {
    super(retryable ? 'flaky' : 'fatal');
  }
}

describe('withRetries', () => {
  const cases: Array<[string, number, Array<'ok' | 'retry' | 'fatal'>, number, 'ok' | 'flaky' | 'fatal']> = [
    ['succeeds first time', 3, ['ok'], 1, 'ok'],
    ['retries then succeeds', 3, ['retry', 'retry', 'ok'], 3, 'ok'],
    ['gives up after max retries', 2, ['retry', 'retry', 'retry', 'ok'], 3, 'flaky'],
    ['stops at a fatal error', 5, ['retry', 'fatal', 'ok'], 2, 'fatal'],
    ['no retries at all', 0, ['retry', 'ok'], 1, 'flaky'],
  ];
  it.each(cases)('%s', async (_name, maxRetries, script, attempts, outcome) => {
    // Prepare
    let calls = 0;
    const sleeps: number[] = [];
    // Act
    const result = await withRetries(
      maxRetries,
      async () => {
        const step = script[calls++];
        if (step === 'ok') return 'ok';
        throw new Flaky(step === 'retry');
      },
      (err) => err instanceof Flaky && err.retryable,
      async (ms) => void sleeps.push(ms),
    ).catch((err: Error) => err.message);
    // Assess
    expect(result).toBe(outcome);
    expect(calls).toBe(attempts);
    expect(sleeps.length).toBe(outcome === 'fatal' ? attempts - 1 : outcome === 'ok' ? attempts - 1 : maxRetries);
  });

  it('backs off exponentially within a cap', () => {
    // Prepare
    const attempts = [0, 1, 2, 10];
    // Act
    const delays = attempts.map((n) => backoffMs(n));
    // Assess
    expect(delays[0]).toBeGreaterThanOrEqual(100);
    expect(delays[0]).toBeLessThanOrEqual(200);
    expect(delays[2]).toBeGreaterThanOrEqual(400);
    expect(delays[3]).toBeLessThanOrEqual(10_000);
  });
});

describe('withRetries bounds', () => {
  it.each([
    { maxRetries: 2_147_483_647, attempts: 11 },
    { maxRetries: 10, attempts: 11 },
    { maxRetries: 3, attempts: 4 },
    { maxRetries: -1, attempts: 1 },
  ])('makes $attempts attempts at most when max_retries is $maxRetries', async ({ maxRetries, attempts }) => {
    // Prepare
    let calls = 0;
    // Act
    await withRetries(
      maxRetries,
      async () => {
        calls++;
        throw new Flaky(true);
      },
      () => true,
      async () => undefined,
    ).catch(() => undefined);
    // Assess
    expect(calls).toBe(attempts);
  });

  it('stops retrying, and throws the abort reason, once the signal aborts', async () => {
    // Prepare
    const controller = new AbortController();
    const reason = new Error('task canceled');
    let calls = 0;
    // Act
    const error = await withRetries(
      10,
      async () => {
        if (++calls === 2) controller.abort(reason);
        throw new Flaky(true);
      },
      () => true,
      (ms) => abortableSleep(ms, controller.signal),
      controller.signal,
    ).catch((e: unknown) => e);
    // Assess
    expect(error).toBe(reason);
    expect(calls).toBe(2);
  });

  it('ends a backoff sleep as soon as the signal aborts', async () => {
    // Prepare
    const controller = new AbortController();
    const sleeping = abortableSleep(60_000, controller.signal).catch((e: unknown) => e);
    // Act
    controller.abort(new Error('deadline'));
    // Assess
    expect(((await sleeping) as Error).message).toBe('deadline');
  });
});
