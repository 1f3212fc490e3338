import { describe, expect, it } from 'vitest';
import { PollBackoff } from '../../../../layers/core/download/poll-backoff';

describe('PollBackoff', () => {
  const cases: Array<[string, [number, number], boolean[], number[]]> = [
    ['doubles while nothing arrives, up to the interval', [25, 1000], [false, false, false, false, false, false, false], [50, 100, 200, 400, 800, 1000, 1000]],
    ['drops back to the shortest wait once results arrive', [25, 1000], [false, false, true, false], [50, 100, 25, 50]],
    ['stays short while results keep arriving', [25, 1000], [true, true, true], [25, 25, 25]],
    ['never waits longer than the interval, even when it is shorter than the first wait', [25, 10], [false, true], [10, 10]],
  ];

  it.each(cases)('%s', (_label, [min, max], found, expected) => {
    // Prepare
    const backoff = new PollBackoff(min, max);

    // Act
    const waits = found.map((f) => backoff.next(f));

    // Assess
    expect(backoff.first).toBe(Math.min(min, max));
    expect(waits).toEqual(expected);
  });

  it.each([
    { case: 'stays short for steadyMs after the last result', polls: [[true, 0], [false, 500], [false, 1900]], expected: [25, 25, 25] },
    { case: 'doubles once steadyMs has passed without a result', polls: [[true, 0], [false, 2000], [false, 2100], [false, 2300]], expected: [25, 50, 100, 200] },
    { case: 'counts steadyMs from its start before any result', polls: [[false, 1000], [false, 2500]], expected: [25, 50] },
  ] as Array<{ case: string; polls: [boolean, number][]; expected: number[] }>)('$case', ({ polls, expected }) => {
    // Prepare
    const backoff = new PollBackoff(25, 1000, 2000, 0);

    // Act
    const waits = polls.map(([found, at]) => backoff.next(found, at));

    // Assess
    expect(waits).toEqual(expected);
  });

  it.each([
    { case: 'waits the paced time while results come', pace: 100, polls: [[true, 0], [true, 100]], expected: [100, 100] },
    { case: 'doubles from the paced time once steadyMs has passed', pace: 100, polls: [[true, 0], [false, 2500], [false, 2700]], expected: [100, 200, 400] },
    { case: 'keeps a pace below the shortest wait at the shortest wait', pace: 5, polls: [[true, 0]], expected: [25] },
    { case: 'keeps a pace above the interval at the interval', pace: 5000, polls: [[true, 0], [false, 3000]], expected: [1000, 1000] },
  ] as Array<{ case: string; pace: number; polls: [boolean, number][]; expected: number[] }>)('$case', ({ pace, polls, expected }) => {
    // Prepare
    const backoff = new PollBackoff(25, 1000, 2000, 0);

    // Act
    backoff.pace(pace);
    const waits = polls.map(([found, at]) => backoff.next(found, at));

    // Assess
    expect(waits).toEqual(expected);
  });
});
