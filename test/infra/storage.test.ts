import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Synthesized, expectBucketPolicyAllows, logicalIdOf, synth } from './support';

describe('storage', () => {
  let synthesized: Synthesized;
  let buckets: Record<string, Record<string, any>>;

  beforeAll(() => {
    // Prepare
    synthesized = synth();
    buckets = synthesized.template.findResources('AWS::S3::Bucket');
  });

  it('blocks every kind of public access on every bucket', () => {
    // Act
    const blocks = Object.values(buckets).map((b) => b.Properties.PublicAccessBlockConfiguration);

    // Assess
    expect(blocks).toHaveLength(2);
    for (const block of blocks) {
      expect(block).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
    }
  });

  it('grants no anonymous principal in any bucket policy', () => {
    // Act
    const statements = Object.values(synthesized.template.findResources('AWS::S3::BucketPolicy')).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as Array<Record<string, any>>,
    );
    const openAllows = statements.filter(
      (s) => s.Effect === 'Allow' && (s.Principal === '*' || s.Principal?.AWS === '*'),
    );

    // Assess
    expect(statements.length).toBeGreaterThan(0);
    expect(openAllows).toEqual([]);
  });

  it.each(['StorageContentBucket', 'StorageLogsBucket'])(
    '%s is encrypted and refuses plain HTTP',
    (prefix) => {
      // Prepare
      const id = logicalIdOf(synthesized.template, 'AWS::S3::Bucket', prefix);

      // Act / Assess
      expect(buckets[id]!.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0]).toEqual({
        ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' },
      });
      synthesized.template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    },
  );

  it('keeps no versions of content-addressed objects, aborts abandoned multipart uploads and expires temporary downloads', () => {
    // Act
    const content = buckets[logicalIdOf(synthesized.template, 'AWS::S3::Bucket', 'StorageContentBucket')]!.Properties;

    // Assess
    expect(content.VersioningConfiguration).toBeUndefined();
    expect(content.LifecycleConfiguration.Rules).toEqual([
      { AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 }, Status: 'Enabled' },
      { ExpirationInDays: 1, Prefix: 'tmp/', Status: 'Enabled' },
    ]);
    expect(content.LoggingConfiguration.DestinationBucketName).toEqual({
      Ref: logicalIdOf(synthesized.template, 'AWS::S3::Bucket', 'StorageLogsBucket'),
    });
  });

  it('lets S3 write access logs through the bucket policy, not an ACL (serverAccessLogsUseBucketPolicy)', () => {
    // Prepare
    const logsId = logicalIdOf(synthesized.template, 'AWS::S3::Bucket', 'StorageLogsBucket');

    // Act / Assess
    expectBucketPolicyAllows(synthesized.template, logsId, {
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logsId, 'Arn'] }, '/s3-content/*']] },
    });
  });

  it.each([
    { who: 'Api', actions: ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:GetObject', 's3:PutObject'] },
    { who: 'Content', actions: ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:GetObject', 's3:PutObject'] },
    { who: 'Worker', actions: ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:GetObject', 's3:PutObject'] },
  ])('$who gets object access to the content bucket and CONTENT_BUCKET', ({ who, actions }) => {
    // Prepare
    const bucketId = logicalIdOf(synthesized.template, 'AWS::S3::Bucket', 'StorageContentBucket');
    const roleId = logicalIdOf(synthesized.template, 'AWS::IAM::Role', `${who}FunctionServiceRole`);

    // Act / Assess
    synthesized.template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: roleId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Action: actions,
            Effect: 'Allow',
            Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/*']] },
          },
        ]),
      },
    });
    synthesized.template.hasResourceProperties('AWS::Lambda::Function', {
      Role: { 'Fn::GetAtt': [roleId, 'Arn'] },
      Environment: { Variables: Match.objectLike({ CONTENT_BUCKET: { Ref: bucketId } }) },
    });
  });

  it.each(['Sweeper', 'Migrations'])('%s gets no access to the content bucket', (who) => {
    // Prepare
    const bucketId = logicalIdOf(synthesized.template, 'AWS::S3::Bucket', 'StorageContentBucket');
    const roleId = logicalIdOf(synthesized.template, 'AWS::IAM::Role', `${who}FunctionServiceRole`);

    // Act
    const policies = Object.values(synthesized.template.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties.Roles).includes(roleId),
    );

    // Assess
    expect(JSON.stringify(policies)).not.toContain(bucketId);
  });
});

describe.each([
  { profile: 'lean', policy: 'Delete' },
  { profile: 'production', policy: 'Retain' },
])('storage removal ($profile)', ({ profile, policy }) => {
  it(`applies ${policy} to the buckets`, () => {
    // Prepare / Act
    const { template } = synth({ profile });

    // Assess
    for (const bucket of Object.values(template.findResources('AWS::S3::Bucket'))) {
      expect(bucket.DeletionPolicy).toBe(policy);
    }
  });
});
