import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { type FunctionDefaults, type VpcPlacement, createPulpFunction } from './pulp-function';

export interface SweeperProps extends FunctionDefaults {
  readonly placement?: VpcPlacement;
}

/** Every minute, fails the tasks whose invocation died (stale heartbeat) and re-kicks waiters. */
export class Sweeper extends Construct {
  readonly fn: lambda.Function;
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: SweeperProps) {
    super(scope, id);
    this.fn = createPulpFunction(this, {
      ...props,
      ...props.placement,
      name: 'sweeper',
      description: 'Pulp task sweeper (fails tasks whose invocation died)',
      memoryMb: 256,
      // Shorter than the schedule, so runs do not pile up.
      timeout: Duration.seconds(50),
    });

    this.rule = new events.Rule(this, 'Schedule', {
      description: 'Run the Pulp task sweeper',
      schedule: events.Schedule.rate(Duration.minutes(1)),
      targets: [new targets.LambdaFunction(this.fn, { retryAttempts: 0 })],
    });
  }
}
