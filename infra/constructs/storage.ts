import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge, arnToken } from '../nag';

export interface StorageProps {
  readonly production: boolean;
  readonly logRetentionDays: number;
}

export type BucketAccess = 'RO' | 'RW';

/**
 * The content bucket (artifacts keyed by sha256, published metadata) and the bucket that
 * receives S3 server access logs and CloudFront logs.
 */
export class Storage extends Construct {
  readonly bucket: s3.Bucket;
  readonly logsBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);
    const removalPolicy = props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.logsBucket = new s3.Bucket(this, 'LogsBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // CloudFront standard logging writes through ACLs.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(Math.max(props.logRetentionDays, 1)) }],
      removalPolicy,
    });
    acknowledge(this.logsBucket, 'S1', 'This is the access-log bucket; logging it into itself would loop.');

    this.bucket = new s3.Bucket(this, 'ContentBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // Keys are content addresses: an object never changes, so versions would only cost.
      versioned: false,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logsBucket,
      serverAccessLogsPrefix: 's3-content/',
      lifecycleRules: [
        { abortIncompleteMultipartUploadAfter: Duration.days(7) },
        // Passing objects (TEMPORARY_PREFIX): downloads until hashed, fetched documents, task scratch.
        { prefix: 'tmp/', expiration: Duration.days(1) },
      ],
      removalPolicy,
    });
  }

  /** Sets CONTENT_BUCKET and grants exactly the object actions the access mode needs. */
  bindBucket(fn: lambda.Function, access: BucketAccess): void {
    fn.addEnvironment('CONTENT_BUCKET', this.bucket.bucketName);
    const objectActions =
      access === 'RO'
        ? ['s3:GetObject']
        : ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:DeleteObject'];
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: objectActions, resources: [this.bucket.arnForObjects('*')] }),
    );
    // HEAD on a missing key answers 404 instead of 403 only with ListBucket.
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn] }));
    acknowledge(
      fn,
      'IAM5',
      'Object keys are sha256 content addresses not known in advance; access is limited to this bucket.',
      [`Resource::${arnToken(this.bucket)}/*`],
    );
  }
}
