import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { createLogGroup } from './log-group';
import { FUNCTION_RUNTIME, suppressFunctionFindings } from './pulp-function';

export interface CanaryProps {
  /** Probed only when given: every API request reaches Postgres, which must be left to pause in lean. */
  readonly apiUrl?: string;
  readonly contentUrl: string;
  readonly intervalMinutes: number;
  readonly logRetentionDays: number;
  readonly production: boolean;
}

// Plain fetch from outside the VPC, like a client: a thrown error is a failed probe (Errors).
const script = `
const check = async (method, url, ok) => {
  const res = await fetch(url, { method, redirect: 'manual', signal: AbortSignal.timeout(20000) });
  if (!ok(res.status)) throw new Error(method + ' ' + url + ' answered ' + res.status);
  console.log(method, url, res.status);
};
exports.handler = async () => {
  if (process.env.API_URL) await check('GET', process.env.API_URL + '/pulp/api/v3/status/', (s) => s === 200);
  await check('HEAD', process.env.CONTENT_URL + '/pulp/content/', (s) => s < 500);
  return 'ok';
};
`;

/**
 * A scheduled function probing the deployment from outside, as clients see it. A plain
 * Lambda rather than a Synthetics canary: a run costs a millionth of a dollar instead of
 * $0.0012, and its log group expires and leaves with the stack.
 */
export class Canary extends Construct {
  readonly fn: lambda.Function;
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: CanaryProps) {
    super(scope, id);
    this.fn = new lambda.Function(this, 'Function', {
      runtime: FUNCTION_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      code: lambda.Code.fromInline(script),
      handler: 'index.handler',
      description: 'Pulp canary: API status and a content HEAD through CloudFront',
      timeout: Duration.seconds(45),
      memorySize: 128,
      logGroup: createLogGroup(this, 'Logs', props),
      environment: { CONTENT_URL: props.contentUrl, ...(props.apiUrl !== undefined && { API_URL: props.apiUrl }) },
    });
    suppressFunctionFindings(this.fn);

    this.rule = new events.Rule(this, 'Schedule', {
      description: 'Run the Pulp canary',
      schedule: events.Schedule.rate(Duration.minutes(props.intervalMinutes)),
      targets: [new targets.LambdaFunction(this.fn, { retryAttempts: 0 })],
    });
  }
}
