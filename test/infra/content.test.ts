import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Synthesized, functionResource, logicalIdOf, synth } from './support';

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
    synthesized.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it.each([
    { path: '/pulp/content/*', min: 0, def: 0, max: ONE_YEAR, queryStrings: 'all' },
    { path: '/artifacts/*', min: ONE_YEAR, def: ONE_YEAR, max: ONE_YEAR, queryStrings: 'none' },
  ])('caches $path as its headers promise', ({ path, min, def, max, queryStrings }) => {
    // Prepare
    const policies = synthesized.template.findResources('AWS::CloudFront::CachePolicy');

    // Act
    const policyId = behaviorOf(path).CachePolicyId.Ref as string;
    const policy = policies[policyId]!.Properties.CachePolicyConfig;

    // Assess
    expect([policy.MinTTL, policy.DefaultTTL, policy.MaxTTL]).toEqual([min, def, max]);
    expect(policy.ParametersInCacheKeyAndForwardedToOrigin.QueryStringsConfig.QueryStringBehavior).toBe(queryStrings);
    expect(policy.ParametersInCacheKeyAndForwardedToOrigin.CookiesConfig.CookieBehavior).toBe('none');
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

  it('logs requests to the logs bucket', () => {
    // Act / Assess
    expect(config.Logging).toEqual({
      Bucket: { 'Fn::GetAtt': [logicalIdOf(synthesized.template, 'AWS::S3::Bucket', 'StorageLogsBucket'), 'RegionalDomainName'] },
      Prefix: 'cloudfront/',
    });
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
