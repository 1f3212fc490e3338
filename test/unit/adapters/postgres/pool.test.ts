import { describe, expect, it } from 'vitest';
import { toIsoMicros } from '../../../../layers/adapters/postgres/pool';

describe('toIsoMicros', () => {
  it.each([
    ['2026-01-02 03:04:05.123+00', '2026-01-02T03:04:05.123000Z'],
    ['2026-01-02 03:04:05.123456+00', '2026-01-02T03:04:05.123456Z'],
    ['2026-01-02 03:04:05+00', '2026-01-02T03:04:05.000000Z'],
    // Sessions in another zone (a developer's local Postgres) still give UTC, µs kept.
    ['2026-01-02 04:04:05.000007+01', '2026-01-02T03:04:05.000007Z'],
    ['2026-01-01 22:34:05.5-04:30', '2026-01-02T03:04:05.500000Z'],
    ['2026-01-02 03:04:05.25+05:30:10', '2026-01-01T21:33:55.250000Z'],
  ])('%s → %s', (input, expected) => {
    expect(toIsoMicros(input)).toBe(expected);
  });
});
