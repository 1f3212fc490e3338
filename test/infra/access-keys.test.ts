import { generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Synthesized, functionResource, synth } from './support';

const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:pulp-signing-AbCdEf';
const publicKey = () => generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } }).publicKey;

const distributionConfig = (s: Synthesized) => Object.values(s.template.findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;
const artifactsBehavior = (s: Synthesized) => distributionConfig(s).CacheBehaviors.find((b: Record<string, any>) => b.PathPattern === '/artifacts/*');
const envOf = (s: Synthesized, construct: string) => functionResource(s.template, construct).Environment.Variables as Record<string, unknown>;

describe('access-control keys', () => {
  let plain: Synthesized;
  let signed: Synthesized;

  beforeAll(() => {
    plain = synth();
    signed = synth({ artifactSigningPublicKeys: JSON.stringify([publicKey(), publicKey()]), signingSecretArn: SECRET_ARN });
  });

  it.each([
    { profile: 'lean', kms: false },
    { profile: 'production', kms: true },
  ])('seals secrets at rest in $profile with KMS: $kms, and gives every function that touches remotes the deployment key', ({ profile, kms }) => {
    // Prepare
    const s = profile === 'lean' ? plain : synth({ profile });
    const functions = ['Api', 'Worker', 'Sweeper', 'Fetcher', 'Content', 'Migrations'];

    // Act
    const keys = Object.values(s.template.findResources('AWS::KMS::Key')).filter((k) => JSON.stringify(k.Properties.Description ?? '').includes('at rest'));
    const envs = functions.map((fn) => envOf(s, fn));

    // Assess
    expect(keys.map((k) => k.Properties.EnableKeyRotation)).toEqual(kms ? [true] : []);
    for (const env of envs) {
      expect(JSON.stringify(env.PULP_DEPLOYMENT_KEY)).toContain('resolve:secretsmanager');
      if (kms) expect(env).toHaveProperty('SECRETS_KMS_KEY_ID');
      else expect(env).not.toHaveProperty('SECRETS_KMS_KEY_ID');
    }
  });

  it('tells the content function where the API is (RBAC guards are checked there)', () => {
    expect(JSON.stringify(envOf(plain, 'Content').API_ORIGIN)).toContain('ApiHttpApi');
  });

  it('leaves /artifacts/* unsigned and reads no signing secret when no key is configured', () => {
    expect(artifactsBehavior(plain).TrustedKeyGroups).toBeUndefined();
    expect(envOf(plain, 'Content')).not.toHaveProperty('SIGNING_SECRET_ARN');
  });

  it('with public keys, serves /artifacts/* only to URLs signed by a key of the group, keeping the query out of the cache key', () => {
    // Act
    const groups = Object.values(signed.template.findResources('AWS::CloudFront::KeyGroup'));
    const behavior = artifactsBehavior(signed);
    const cachePolicy = Object.entries(signed.template.findResources('AWS::CloudFront::CachePolicy')).find(([id]) => id === behavior.CachePolicyId.Ref)![1];

    // Assess
    expect(groups).toHaveLength(1);
    expect(groups[0]!.Properties.KeyGroupConfig.Items).toHaveLength(2);
    expect(behavior.TrustedKeyGroups).toHaveLength(1);
    expect(cachePolicy.Properties.CachePolicyConfig.ParametersInCacheKeyAndForwardedToOrigin.QueryStringsConfig.QueryStringBehavior).toBe('none');
  });

  it('gives the signing secret to the functions that sign, and to no other', () => {
    expect(envOf(signed, 'Content').SIGNING_SECRET_ARN).toBe(SECRET_ARN);
    expect(envOf(signed, 'Api').SIGNING_SECRET_ARN).toBe(SECRET_ARN);
    expect(envOf(signed, 'Worker')).not.toHaveProperty('SIGNING_SECRET_ARN');
  });

  it('hands the viewer’s Authorization and guard headers to the content function, never Host or the OAC-signed Authorization', () => {
    // Act
    const policy = Object.values(plain.template.findResources('AWS::CloudFront::OriginRequestPolicy'))[0]!.Properties.OriginRequestPolicyConfig;
    const fn = Object.values(plain.template.findResources('AWS::CloudFront::Function'))[0]!.Properties.FunctionCode as string;

    // Assess
    expect(policy.HeadersConfig).toEqual({ HeaderBehavior: 'allExcept', Headers: ['host', 'authorization'] });
    expect(fn).toContain('x-pulp-authorization');
  });

  it('refuses public keys without the secret the functions would sign with', () => {
    expect(() => synth({ artifactSigningPublicKeys: JSON.stringify([publicKey()]) })).toThrow(/signingSecretArn/);
  });
});
