import { Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as synthetics from 'aws-cdk-lib/aws-synthetics';
import { Construct } from 'constructs';
import { acknowledge, arnToken } from '../nag';

export interface CanaryProps {
  readonly apiUrl: string;
  readonly contentUrl: string;
  readonly logsBucket: s3.IBucket;
  readonly production: boolean;
}

// Plain fetch, no browser: a thrown error is what marks the run failed.
const script = `
const check = async (method, url, ok) => {
  const res = await fetch(url, { method, redirect: 'manual' });
  if (!ok(res.status)) throw new Error(method + ' ' + url + ' answered ' + res.status);
  console.log(method, url, res.status);
};
exports.handler = async () => {
  await check('GET', process.env.API_URL + '/pulp/api/v3/status/', (s) => s === 200);
  await check('HEAD', process.env.CONTENT_URL + '/pulp/content/', (s) => s < 500);
  return 'ok';
};
`;

/** Every 5 minutes: the API status endpoint and a content HEAD through CloudFront. */
export class Canary extends Construct {
  readonly canary: synthetics.Canary;

  constructor(scope: Construct, id: string, props: CanaryProps) {
    super(scope, id);
    const artifacts = new s3.Bucket(this, 'ArtifactsBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: props.logsBucket,
      serverAccessLogsPrefix: 's3-canary/',
      lifecycleRules: [{ expiration: Duration.days(30) }],
      removalPolicy: props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    this.canary = new synthetics.Canary(this, 'Canary', {
      runtime: synthetics.Runtime.SYNTHETICS_NODEJS_PUPPETEER_13_0,
      test: synthetics.Test.custom({ code: synthetics.Code.fromInline(script), handler: 'index.handler' }),
      schedule: synthetics.Schedule.rate(Duration.minutes(5)),
      environmentVariables: { API_URL: props.apiUrl, CONTENT_URL: props.contentUrl },
      artifactsBucketLocation: { bucket: artifacts },
      timeout: Duration.seconds(60),
      activeTracing: true,
      provisionedResourceCleanup: true,
    });
    const region = Stack.of(this).region;
    const regionInFinding = Token.isUnresolved(region) ? '<AWS::Region>' : region;
    acknowledge(
      this.canary,
      'IAM5',
      'The execution policy CDK generates for Synthetics: results go under run-specific keys of its own artifacts bucket, PutMetricData/X-Ray/ListAllMyBuckets take no resource, and the service names its log groups cwsyn-*.',
      [
        'Resource::*',
        `Resource::${arnToken(artifacts)}/*`,
        `Resource::arn:<AWS::Partition>:logs:${regionInFinding}:<AWS::AccountId>:log-group:/aws/lambda/cwsyn-*`,
      ],
    );
  }
}
