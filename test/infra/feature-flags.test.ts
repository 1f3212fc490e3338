import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { cdkJson } from './support';

const recommended = createRequire(import.meta.url)('aws-cdk-lib/recommended-feature-flags.json') as Record<string, unknown>;

describe('feature flags', () => {
  it('sets every flag aws-cdk-lib recommends, at its recommended value, before the first deploy', () => {
    // Act
    const context = cdkJson().context;

    // Assess: flipping one after a deploy can replace resources (the proxy name, say).
    expect(Object.keys(recommended).length).toBeGreaterThan(50);
    for (const [flag, value] of Object.entries(recommended)) expect(context[flag], flag).toEqual(value);
  });

  it.each([
    '@aws-cdk/aws-rds:databaseProxyUniqueResourceName',
    '@aws-cdk/aws-ec2:restrictDefaultSecurityGroup',
    '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy',
  ])('turns on %s, which this template depends on', (flag) => {
    // Act / Assess
    expect(cdkJson().context[flag]).toBe(true);
  });

  it('bundles the functions as part of every synth (cdk.json build)', () => {
    // Act / Assess
    expect(cdkJson().build).toBe('node esbuild.config.mjs');
  });
});
