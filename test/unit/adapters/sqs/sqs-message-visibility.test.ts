import { describe, expect, it } from 'vitest';
import { retryDelaySeconds } from '../../../../layers/adapters/sqs/sqs-message-visibility';

describe('retryDelaySeconds', () => {
  it.each([
    { receiveCount: 1, expected: 10 },
    { receiveCount: 2, expected: 20 },
    { receiveCount: 3, expected: 40 },
    { receiveCount: 4, expected: 80 },
    // The last delivery: back at once, so the next receive moves it to the DLQ.
    { receiveCount: 5, expected: 0 },
    { receiveCount: 9, expected: 0 },
  ])('waits $expected s after failed receive $receiveCount of 5 (base 10 s)', ({ receiveCount, expected }) => {
    expect(retryDelaySeconds(receiveCount, 5, 10)).toBe(expected);
  });

  it('never waits longer than the cap', () => {
    expect(retryDelaySeconds(12, 20, 10, 300)).toBe(300);
  });

  it('brings a poison message to the DLQ in minutes with the defaults', () => {
    // Act
    const total = [1, 2, 3, 4, 5].reduce((sum, n) => sum + retryDelaySeconds(n, 5, 10), 0);
    // Assess
    expect(total).toBe(150);
  });
});
