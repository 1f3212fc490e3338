import path from 'node:path';
import type { Duration } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { acknowledge } from '../nag';
import { createLogGroup } from './log-group';
import { FUNCTION_SUBNETS } from './network';

/** Where every function's EMF metrics go (alarms on them read the same name). */
export const METRICS_NAMESPACE = 'ServerlessPulp';

/**
 * One runtime for every function. Bundles target node20 (esbuild), which runs unchanged on
 * 24; nodejs24.x is supported until 2028-04-30. Change it here and nowhere else.
 */
export const FUNCTION_RUNTIME = lambda.Runtime.NODEJS_24_X;

/** What every function construct needs from the stack. */
export interface FunctionDefaults {
  readonly functionsDir: string;
  readonly logRetentionDays: number;
  readonly production: boolean;
}

/** Where a function that reaches the database runs: the VPC's function subnets. */
export interface VpcPlacement {
  readonly vpc: ec2.IVpc;
  readonly securityGroups: ec2.ISecurityGroup[];
}

export interface PulpFunctionOptions {
  /** Folder name under functionsDir, also used for the service name. */
  readonly name: string;
  readonly functionsDir: string;
  readonly timeout: Duration;
  readonly memoryMb: number;
  readonly logRetentionDays: number;
  readonly production: boolean;
  readonly description: string;
  /** The exported handler; every bundle exports `handler`, migrate also `launch`. */
  readonly handler?: string;
  readonly vpc?: ec2.IVpc;
  readonly securityGroups?: ec2.ISecurityGroup[];
  readonly reservedConcurrency?: number;
  readonly environment?: Record<string, string>;
}

/**
 * Shared props for every Pulp function (plain or trigger): arm64, active tracing, source maps,
 * Powertools settings and an explicit log group with retention.
 */
export const pulpFunctionProps = (scope: Construct, options: PulpFunctionOptions): lambda.FunctionProps => {
  const logGroup = createLogGroup(scope, `${capitalize(options.name)}Logs`, options);
  return {
    runtime: FUNCTION_RUNTIME,
    architecture: lambda.Architecture.ARM_64,
    code: lambda.Code.fromAsset(path.join(options.functionsDir, options.name)),
    handler: `index.${options.handler ?? 'handler'}`,
    description: options.description,
    timeout: options.timeout,
    memorySize: options.memoryMb,
    tracing: lambda.Tracing.ACTIVE,
    logGroup,
    ...(options.vpc && {
      vpc: options.vpc,
      vpcSubnets: FUNCTION_SUBNETS,
      securityGroups: options.securityGroups,
    }),
    ...(options.reservedConcurrency !== undefined && {
      reservedConcurrentExecutions: options.reservedConcurrency,
    }),
    environment: {
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: `pulp-${options.name}`,
      POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      LOG_LEVEL: options.production ? 'INFO' : 'DEBUG',
      ...options.environment,
    },
  };
};

/** The cdk-nag findings every Pulp function carries, suppressed on that function only. */
export const suppressFunctionFindings = (fn: lambda.Function): void => {
  acknowledge(
    fn,
    'IAM4',
    'AWS-managed execution policies only grant writing to CloudWatch Logs and, in the VPC, managing the function ENIs.',
    [
      'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole',
    ],
  );
  acknowledge(fn, 'IAM5', 'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions.', [
    'Resource::*',
  ]);
  acknowledge(
    fn,
    'L1',
    'Pinned on purpose (FUNCTION_RUNTIME, nodejs24.x): moving to a newer Node major is a deliberate, tested change.',
  );
};

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** A Pulp function (`Function` under `scope`) with the shared settings and its findings acknowledged. */
export const createPulpFunction = (scope: Construct, options: PulpFunctionOptions): lambda.Function => {
  const fn = new lambda.Function(scope, 'Function', pulpFunctionProps(scope, options));
  suppressFunctionFindings(fn);
  return fn;
};
