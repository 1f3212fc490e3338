import { describe, expect, it } from 'vitest';
import { formatUploadTime, formatUploadTimeSeconds } from '../../../../../layers/plugins/python/index/upload-time';

describe('upload times', () => {
  it.each([
    ['2024-05-01T12:30:45.123456Z', '2024-05-01T12:30:45.123456Z', '2024-05-01T12:30:45'],
    ['2024-05-01 12:30:45.123456+00', '2024-05-01T12:30:45.123456Z', '2024-05-01T12:30:45'],
    ['2024-05-01 14:30:45.1+02:00', '2024-05-01T12:30:45.100000Z', '2024-05-01T12:30:45'],
    ['2024-05-01T00:30:45-0130', '2024-05-01T02:00:45.000000Z', '2024-05-01T02:00:45'],
    ['2024-05-01T12:30:45.123456789Z', '2024-05-01T12:30:45.123456Z', '2024-05-01T12:30:45'],
    ['2024-05-01T12:30:45', '2024-05-01T12:30:45.000000Z', '2024-05-01T12:30:45'],
    [new Date('2024-05-01T12:30:45.120Z'), '2024-05-01T12:30:45.120000Z', '2024-05-01T12:30:45'],
  ])('%j → %s and %s', (value, pep700, seconds) => {
    // Act / Assess
    expect([formatUploadTime(value), formatUploadTimeSeconds(value)]).toEqual([pep700, seconds]);
  });

  it.each(['yesterday', '2024-13-45T99:00:00Z', ''])('refuses %j', (value) => {
    // Act / Assess
    expect(() => formatUploadTime(value)).toThrow('Not an ISO 8601 timestamp');
  });
});
