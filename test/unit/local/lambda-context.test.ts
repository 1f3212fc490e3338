import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLambdaContext } from '../../../local/lambda-context';

describe('createLambdaContext', () => {
  beforeEach(() => {
    // Fake clock: the countdown is checked without depending on real time.
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-21T12:00:00Z'));
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([
    { elapsedMs: 0, remaining: 900_000 },
    { elapsedMs: 1_500, remaining: 898_500 },
    { elapsedMs: 900_000, remaining: 0 },
    { elapsedMs: 1_000_000, remaining: 0 },
  ])('has $remaining ms left after $elapsedMs ms of a 15-minute timeout', ({ elapsedMs, remaining }) => {
    // Prepare
    const context = createLambdaContext({ functionName: 'worker', timeoutMs: 900_000 });

    // Act
    vi.setSystemTime(Date.now() + elapsedMs);

    // Assess
    expect(context.getRemainingTimeInMillis()).toBe(remaining);
  });

  it('names the function and uses the given request id', () => {
    // Prepare
    const options = { functionName: 'pulp-api', timeoutMs: 30_000, requestId: 'req-1' };

    // Act
    const context = createLambdaContext(options);

    // Assess
    expect(context).toMatchObject({
      functionName: 'pulp-api',
      awsRequestId: 'req-1',
      functionVersion: '$LATEST',
      logGroupName: '/aws/lambda/pulp-api',
    });
    expect(context.invokedFunctionArn).toMatch(/^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:pulp-api$/);
  });

  it('makes up distinct request ids when none is given', () => {
    // Prepare
    const make = () => createLambdaContext({ functionName: 'f', timeoutMs: 1 }).awsRequestId;

    // Act
    const ids = new Set([make(), make(), make()]);

    // Assess
    expect(ids.size).toBe(3);
  });
});
