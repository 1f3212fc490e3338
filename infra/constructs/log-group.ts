import { RemovalPolicy } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

export interface LogGroupOptions {
  readonly logRetentionDays: number;
  readonly production: boolean;
  /** A fixed name, for log groups a service writes to by convention (RDS, Lambda). */
  readonly logGroupName?: string;
}

/**
 * Every log group of the stack: it expires, and it goes with the stack unless production
 * keeps it for the record.
 */
export const createLogGroup = (scope: Construct, id: string, options: LogGroupOptions): logs.LogGroup =>
  new logs.LogGroup(scope, id, {
    logGroupName: options.logGroupName,
    retention: options.logRetentionDays as logs.RetentionDays,
    removalPolicy: options.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
