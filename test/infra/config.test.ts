import { describe, expect, it } from 'vitest';
import { configFromContext, defaultConfig } from '../../infra/config';

const read = (values: Record<string, unknown>) => (key: string) => values[key];

describe('configFromContext', () => {
  it.each([
    { context: {}, expected: { production: false, maxAcu: 4, natGateways: 1, logRetentionDays: 14 } },
    { context: { production: 'true' }, expected: { production: true, maxAcu: 16, natGateways: 2, logRetentionDays: 90 } },
    { context: { production: true, maxAcu: '8', minAcu: '1' }, expected: { production: true, maxAcu: 8, minAcu: 1 } },
    { context: { alarmEmail: 'a@example.org', workerTimeoutSeconds: '300' }, expected: { alarmEmail: 'a@example.org', workerTimeoutSeconds: 300 } },
  ])('reads $context', ({ context, expected }) => {
    // Act
    const config = configFromContext(read(context));

    // Assess
    expect(config).toMatchObject(expected);
  });

  it.each([
    { context: { maxAcu: 'lots' }, error: /must be a number/ },
    { context: { minAcu: '8', maxAcu: '2' }, error: /ACU range/ },
    { context: { workerTimeoutSeconds: '901' }, error: /Lambda limit/ },
    { context: { workerMaxConcurrency: '1' }, error: /2-1000/ },
    { context: { domainName: 'pulp.example.org' }, error: /go together/ },
  ])('rejects $context', ({ context, error }) => {
    // Act / Assess
    expect(() => configFromContext(read(context))).toThrow(error);
  });

  it('points functionsDir at <repo>/dist/functions by default', () => {
    // Act / Assess
    expect(defaultConfig(false).functionsDir).toMatch(/\/dist\/functions$/);
  });
});
