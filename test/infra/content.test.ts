import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Synthesized, expectBucketPolicyAllows, freshSynth, functionResource, logicalIdOf, resourcesOf, synth } from './support';

const ONE_YEAR = 365 * 24 * 3600;

describe('content delivery', () => {
  let synthesized: Synthesized;
  let config: Record<string, any>;
  let oacs: Record<string, Record<string, any>>;

  beforeAll(() => {
    // Prepare
    synthesized = synth();
    const [distribution] = Object.values(synthesized.template.findResources('AWS::CloudFront::Distribution'));
    config = distribution!.Properties.DistributionConfig;
    oacs = synthesized.template.findResources('AWS::CloudFront::OriginAccessControl');
  });

  const originOf = (pathPattern: string): Record<string, any> => {
    const behavior = config.CacheBehaviors.find((b: Record<string, any>) => b.PathPattern === pathPattern);
    return config.Origins.find((o: Record<string, any>) => o.Id === behavior.TargetOriginId);
  };
  const behaviorOf = (pathPattern: string): Record<string, any> =>
    config.CacheBehaviors.find((b: Record<string, any>) => b.PathPattern === pathPattern);
  const oacTypeOf = (origin: Record<string, any>): string => {
    const oacId = origin.OriginAccessControlId['Fn::GetAtt'][0] as string;
    return oacs[oacId]!.Properties.OriginAccessControlConfig.OriginAccessControlOriginType;
  };

  it.each([
    { path: '/pulp/content/*', oacType: 'lambda' },
    { path: '/artifacts/*', oacType: 's3' },
  ])('serves $path through an origin signed with a $oacType OAC', ({ path, oacType }) => {
    // Act
    const origin = originOf(path);

    // Assess
    expect(oacTypeOf(origin)).toBe(oacType);
    expect(oacs[origin.OriginAccessControlId['Fn::GetAtt'][0]]!.Properties.OriginAccessControlConfig.SigningBehavior).toBe(
      'always',
    );
  });

  it('maps /artifacts/* straight onto the bucket keys (no origin path, no legacy OAI)', () => {
    // Act
    const origin = originOf('/artifacts/*');

    // Assess
    expect(origin.OriginPath).toBeUndefined();
    expect(origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    expect(origin.DomainName).toEqual({
      'Fn::GetAtt': [logicalIdOf(synthesized.template, 'AWS::S3::Bucket', 'StorageContentBucket'), 'RegionalDomainName'],
    });
  });

  it('requires IAM auth on the content Function URL and lets only this distribution invoke it', () => {
    // Prepare
    const fnId = logicalIdOf(synthesized.template, 'AWS::Lambda::Function', 'ContentFunction');

    // Act / Assess
    synthesized.template.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'AWS_IAM', TargetFunctionArn: { 'Fn::GetAtt': [fnId, 'Arn'] } });
    const urlId = logicalIdOf(synthesized.template, 'AWS::Lambda::Url', 'ContentFunctionFunctionUrl');
    // Both are required since late 2025: InvokeFunctionUrl, and InvokeFunction only via the URL.
    for (const extra of [{ Action: 'lambda:InvokeFunctionUrl' }, { Action: 'lambda:InvokeFunction', InvokedViaFunctionUrl: true }]) {
      synthesized.template.hasResourceProperties('AWS::Lambda::Permission', {
        ...extra,
        Principal: 'cloudfront.amazonaws.com',
        FunctionName: { 'Fn::GetAtt': [urlId, 'FunctionArn'] },
        SourceArn: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([':distribution/']) ]) }),
      });
    }
  });

  it('lets only CloudFront read the bucket, scoped to this distribution', () => {
    // Prepare
    const bucketId = logicalIdOf(synthesized.template, 'AWS::S3::Bucket', 'StorageContentBucket');

    // Act / Assess
    expectBucketPolicyAllows(synthesized.template, bucketId, {
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
    });
  });

  it.each([
    { path: '/pulp/content/*', min: 0, def: 0, max: ONE_YEAR },
    { path: '/artifacts/*', min: ONE_YEAR, def: ONE_YEAR, max: ONE_YEAR },
  ])('caches $path as its headers promise, keyed on the path alone', ({ path, min, def, max }) => {
    // Prepare
    const policies = synthesized.template.findResources('AWS::CloudFront::CachePolicy');

    // Act
    const policyId = behaviorOf(path).CachePolicyId.Ref as string;
    const policy = policies[policyId]!.Properties.CachePolicyConfig;

    // Assess
    expect([policy.MinTTL, policy.DefaultTTL, policy.MaxTTL]).toEqual([min, def, max]);
    // `?x=<random>` must not turn into a Lambda run and a database query per request.
    expect(policy.ParametersInCacheKeyAndForwardedToOrigin.QueryStringsConfig.QueryStringBehavior).toBe('none');
    expect(policy.ParametersInCacheKeyAndForwardedToOrigin.CookiesConfig.CookieBehavior).toBe('none');
  });

  it('forwards the query string and viewer headers but Host and Authorization to the content Lambda (content guards read them)', () => {
    // Act
    const [orp] = Object.values(synthesized.template.findResources('AWS::CloudFront::OriginRequestPolicy'));
    const config = orp!.Properties.OriginRequestPolicyConfig;

    // Assess
    expect(config.QueryStringsConfig).toEqual({ QueryStringBehavior: 'all' });
    expect(config.HeadersConfig.HeaderBehavior).toBe('allExcept');
    expect([...config.HeadersConfig.Headers].sort()).toEqual(['authorization', 'host']);
  });

  it.each([
    { type: 'AWS::CloudFront::OriginAccessControl', config: 'OriginAccessControlConfig', count: 2, max: 64 },
    { type: 'AWS::CloudFront::CachePolicy', config: 'CachePolicyConfig', count: 2, max: 128 },
    { type: 'AWS::CloudFront::OriginRequestPolicy', config: 'OriginRequestPolicyConfig', count: 1, max: 128 },
    { type: 'AWS::CloudFront::ResponseHeadersPolicy', config: 'ResponseHeadersPolicyConfig', count: 1, max: 128 },
  ])('names every $type after the stack and the region (names are global to the account)', ({ type, config, count, max }) => {
    // Act
    const names = Object.values(synthesized.template.findResources(type)).map((r) => r.Properties[config].Name);

    // Assess
    expect(names).toHaveLength(count);
    for (const name of names) {
      const [prefix, region] = name['Fn::Join'][1] as [string, { Ref: string }];
      expect(prefix).toMatch(/^Pulp.+-$/);
      expect(region).toEqual({ Ref: 'AWS::Region' });
      // The longest region name (14 characters) must still fit.
      expect(prefix.length + 14).toBeLessThanOrEqual(max);
    }
  });

  it('marks artifacts immutable for viewers', () => {
    // Act / Assess
    synthesized.template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        CustomHeadersConfig: {
          Items: [{ Header: 'Cache-Control', Value: 'public, max-age=31536000, immutable', Override: true }],
        },
      }),
    });
  });

  it.each(['/pulp/content/*', '/artifacts/*'])('redirects %s to HTTPS and allows only reads', (path) => {
    // Act
    const behavior = behaviorOf(path);

    // Assess
    expect(behavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(behavior.AllowedMethods).not.toContain('PUT');
    expect(behavior.AllowedMethods).not.toContain('POST');
  });

  it('forwards the viewer host as X-Forwarded-Host, never Host (nor the OAC-signed Authorization), to the content Lambda', () => {
    // Act
    const behavior = behaviorOf('/pulp/content/*');
    const [orp] = Object.values(synthesized.template.findResources('AWS::CloudFront::OriginRequestPolicy'));
    const headers = orp!.Properties.OriginRequestPolicyConfig.HeadersConfig;

    // Assess
    expect(behavior.FunctionAssociations[0].EventType).toBe('viewer-request');
    expect(headers).toEqual({ HeaderBehavior: 'allExcept', Headers: ['host', 'authorization'] });
  });

  it('sets CONTENT_ORIGIN on api and worker but not on content (that would be circular)', () => {
    // Act
    const env = (name: string): Record<string, unknown> => functionResource(synthesized.template, name).Environment.Variables;

    // Assess
    expect(env('Content').CONTENT_ORIGIN).toBeUndefined();
    expect(env('Content').ARTIFACT_URL_MODE).toBe('cloudfront');
    for (const name of ['Api', 'Worker']) {
      expect(env(name).CONTENT_ORIGIN).toEqual({
        'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalIdOf(synthesized.template, 'AWS::CloudFront::Distribution', 'ContentDistribution'), 'DomainName'] }]],
      });
    }
  });

  it('outputs the CloudFront domain a custom domain CNAME points at', () => {
    // Act / Assess
    synthesized.template.hasOutput('ContentDistributionDomain', {
      Value: { 'Fn::GetAtt': [logicalIdOf(synthesized.template, 'AWS::CloudFront::Distribution', 'ContentDistribution'), 'DomainName'] },
    });
  });

  it('has no WAF unless asked for', () => {
    // Act / Assess
    synthesized.template.resourceCountIs('AWS::WAFv2::WebACL', 0);
    expect(config.WebACLId).toBeUndefined();
  });

  it('logs requests to the logs bucket', () => {
    // Act / Assess
    expect(config.Logging).toEqual({
      Bucket: { 'Fn::GetAtt': [logicalIdOf(synthesized.template, 'AWS::S3::Bucket', 'StorageLogsBucket'), 'RegionalDomainName'] },
      Prefix: 'cloudfront/',
    });
  });
});

describe.each([
  { profile: 'lean', reserved: 10 },
  { profile: 'production', reserved: 100 },
  { profile: 'production', contentMaxConcurrency: '25', reserved: 25 },
])('content function concurrency ($profile)', ({ profile, reserved, ...rest }) => {
  it(`reserves ${reserved} executions, so a flood of cache misses stops there`, () => {
    // Act
    const fn = functionResource(synth({ profile, ...rest }).template, 'Content');

    // Assess
    expect(fn.ReservedConcurrentExecutions).toBe(reserved);
  });
});

describe('content WAF rate rule (opt-in)', () => {
  it('blocks an IP past wafRateLimit requests per 5 minutes, in front of the distribution', () => {
    // Prepare
    const { template } = synth({ profile: 'production', wafRateLimit: '1500' }, { account: '123456789012', region: 'us-east-1' });
    const aclId = logicalIdOf(template, 'AWS::WAFv2::WebACL', 'ContentFirewall');

    // Act
    const acl = resourcesOf(template)[aclId]!.Properties!;

    // Assess
    expect(acl.Scope).toBe('CLOUDFRONT');
    expect(acl.DefaultAction).toEqual({ Allow: {} });
    expect(acl.Rules).toEqual([
      expect.objectContaining({
        Action: { Block: {} },
        Statement: { RateBasedStatement: { Limit: 1500, AggregateKeyType: 'IP', EvaluationWindowSec: 300 } },
      }),
    ]);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ WebACLId: { 'Fn::GetAtt': [aclId, 'Arn'] } }),
    });
  });

  it('makes an environment-agnostic template refuse any region but us-east-1 at deploy', () => {
    // Act
    const rules = Object.values(synth({ wafRateLimit: '1500' }).template.toJSON().Rules ?? {}) as Array<Record<string, any>>;

    // Assess
    expect(rules.flatMap((r) => r.Assertions.map((a: Record<string, any>) => a.Assert))).toContainEqual({
      'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'],
    });
  });

  it('refuses a stack outside us-east-1, where CloudFront web ACLs cannot live', () => {
    // Act / Assess
    expect(() => freshSynth({ wafRateLimit: '1500' }, { account: '123456789012', region: 'eu-west-1' })).toThrow(/us-east-1/);
  });
});

describe('content delivery on a custom domain', () => {
  it('uses the certificate with TLS 1.2 (TLS_V1_2_2021) and the domain as CONTENT_ORIGIN', () => {
    // Prepare
    const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';

    // Act
    const { template } = synth({ domainName: 'pulp.example.org', certificateArn });

    // Assess
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['pulp.example.org'],
        ViewerCertificate: {
          AcmCertificateArn: certificateArn,
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        },
      }),
    });
    expect(functionResource(template, 'Api').Environment.Variables.CONTENT_ORIGIN).toBe('https://pulp.example.org');
  });
});
