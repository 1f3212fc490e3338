import { describe, expect, it } from 'vitest';
import { configFromContext, defaultConfig } from '../../infra/config';

const read = (values: Record<string, unknown>) => (key: string) => values[key];

describe('configFromContext', () => {
  it.each([
    { context: {}, expected: { profile: 'lean', production: false, minAcu: 0, natGateways: 0, rdsProxy: false, endpointAzs: 1 } },
    { context: { profile: 'lean' }, expected: { profile: 'lean', production: false, maxAcu: 4, logRetentionDays: 14, canaryIntervalMinutes: 60 } },
    { context: { profile: 'production' }, expected: { profile: 'production', production: true, minAcu: 0.5, maxAcu: 16, natGateways: 2, rdsProxy: true, endpointAzs: 2, logRetentionDays: 90 } },
    { context: { production: 'true' }, expected: { profile: 'production', production: true, rdsProxy: true } },
    { context: { production: true, profile: 'production' }, expected: { profile: 'production' } },
    { context: { production: 'false' }, expected: { profile: 'lean' } },
    { context: { profile: 'production', maxAcu: '8', minAcu: '1' }, expected: { maxAcu: 8, minAcu: 1 } },
    { context: { natGateways: '1', autoPauseSeconds: '300' }, expected: { profile: 'lean', natGateways: 1, autoPauseSeconds: 300 } },
    { context: { wafRateLimit: '2000', contentMaxConcurrency: '50' }, expected: { wafRateLimit: 2000, contentMaxConcurrency: 50 } },
    { context: { alarmEmail: 'a@example.org', workerTimeoutSeconds: '300' }, expected: { alarmEmail: 'a@example.org', workerTimeoutSeconds: 300 } },
  ])('reads $context', ({ context, expected }) => {
    // Act
    const config = configFromContext(read(context));

    // Assess
    expect(config).toMatchObject(expected);
  });

  it.each([
    { context: { profile: 'dev' }, error: /profile must be one of lean, production/ },
    { context: { profile: 'lean', production: 'true' }, error: /contradicts/ },
    { context: { maxAcu: 'lots' }, error: /must be a number/ },
    { context: { minAcu: '8', maxAcu: '2' }, error: /ACU range/ },
    { context: { autoPauseSeconds: '60' }, error: /autoPauseSeconds/ },
    { context: { workerTimeoutSeconds: '901' }, error: /Lambda limit/ },
    { context: { workerMaxConcurrency: '1' }, error: /2-1000/ },
    { context: { workerMaxConcurrency: '500', contentMaxConcurrency: '401' }, error: /<= 900/ },
    { context: { endpointAzs: '3' }, error: /endpointAzs/ },
    { context: { canaryIntervalMinutes: '7' }, error: /canaryIntervalMinutes/ },
    { context: { wafRateLimit: '5' }, error: /wafRateLimit/ },
    { context: { domainName: 'pulp.example.org' }, error: /go together/ },
  ])('rejects $context', ({ context, error }) => {
    // Act / Assess
    expect(() => configFromContext(read(context))).toThrow(error);
  });

  it('points functionsDir at <repo>/dist/functions by default', () => {
    // Act / Assess
    expect(defaultConfig('lean').functionsDir).toMatch(/\/dist\/functions$/);
  });
});
