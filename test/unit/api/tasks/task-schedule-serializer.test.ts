import { describe, expect, it } from 'vitest';
import { durationString } from '../../../../layers/api/tasks/task-schedule-serializer';

describe('durationString (DRF DurationField)', () => {
  it.each([
    { seconds: 86_400, expected: '1 00:00:00' },
    { seconds: 3_600, expected: '01:00:00' },
    { seconds: 90, expected: '00:01:30' },
    { seconds: 7 * 86_400 + 3_723, expected: '7 01:02:03' },
    { seconds: 1.5, expected: '00:00:01.500000' },
    { seconds: 0, expected: '00:00:00' },
  ])('renders $seconds s as "$expected"', ({ seconds, expected }) => {
    expect(durationString(seconds)).toBe(expected);
  });
});
