import { Duration } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { type FunctionDefaults, type VpcPlacement, createPulpFunction } from './pulp-function';

export interface WorkerProps extends FunctionDefaults {
  readonly placement?: VpcPlacement;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /** Reserved concurrency; the stack keeps it equal to the event source's MaximumConcurrency. */
  readonly reservedConcurrency: number;
}

/** The tasking worker: runs one task step per invocation, checkpointing before its deadline. */
export class Worker extends Construct {
  readonly fn: lambda.Function;

  constructor(scope: Construct, id: string, props: WorkerProps) {
    super(scope, id);
    this.fn = createPulpFunction(this, {
      ...props,
      ...props.placement,
      name: 'worker',
      description: 'Pulp tasking worker (SQS FIFO consumer)',
      timeout: Duration.seconds(props.timeoutSeconds),
      environment: { WORKER_TIMEOUT_SECONDS: String(props.timeoutSeconds) },
    });
  }
}
