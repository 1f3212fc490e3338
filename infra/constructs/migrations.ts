import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as triggers from 'aws-cdk-lib/triggers';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';
import {
  type FunctionDefaults,
  type VpcPlacement,
  createPulpFunction,
  pulpFunctionProps,
  suppressFunctionFindings,
} from './pulp-function';

export interface MigrationsProps extends FunctionDefaults {
  /** The migrator runs here, beside the cluster. */
  readonly placement: VpcPlacement;
  /** What must exist before the migration runs (the cluster, its instances, the network). */
  readonly executeAfter: Construct[];
}

/** The migrator's own limit; the launcher waits for it and for its retries. */
const MIGRATE_TIMEOUT = Duration.minutes(10);
const LAUNCH_TIMEOUT = Duration.minutes(14);

/**
 * Runs the numbered SQL migrations at deploy time, creates the app role and the Pulp admin
 * user; a throw fails the deployment, so no request ever meets an old schema.
 *
 * Two functions from one bundle: the launcher (the trigger, outside the VPC) reads the
 * secrets and invokes the migrator (in the VPC) with them, retrying when the password it
 * read was rotated meanwhile or the cluster is still resuming. The VPC so needs no route to
 * Secrets Manager.
 */
export class Migrations extends Construct {
  readonly fn: lambda.Function;
  readonly launcher: triggers.TriggerFunction;
  /** The generated Pulp admin password ({"username":"admin","password":...}). */
  readonly adminSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: MigrationsProps) {
    super(scope, id);
    // No fixed name: a redeploy inside the deletion window of an old one would collide.
    this.adminSecret = new secretsmanager.Secret(this, 'AdminSecret', {
      description: 'Pulp admin user password',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ username: 'admin' }),
        generateStringKey: 'password',
        excludePunctuation: true,
        passwordLength: 32,
      },
      removalPolicy: props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    acknowledge(
      this.adminSecret,
      'SMG4',
      'The Pulp admin password lives in Postgres (set by migrate); rotating the secret alone would desync it. Rotate by changing it and redeploying.',
    );

    this.fn = createPulpFunction(this, {
      ...props,
      ...props.placement,
      name: 'migrate',
      description: 'Pulp schema migrations and database roles (invoked at deploy by the launcher)',
      memoryMb: 512,
      timeout: MIGRATE_TIMEOUT,
    });

    const launch = new Construct(this, 'Launch');
    this.launcher = new triggers.TriggerFunction(launch, 'Function', {
      ...pulpFunctionProps(launch, {
        ...props,
        name: 'migrate',
        handler: 'launch',
        description: 'Pulp migrations launcher (the deploy trigger): hands the secrets to the migrator',
        memoryMb: 256,
        // Also the trigger's wait: a long migration plus its retries must not be cut off.
        timeout: LAUNCH_TIMEOUT,
        environment: {
          MIGRATE_FUNCTION_NAME: this.fn.functionName,
          ADMIN_SECRET_ARN: this.adminSecret.secretArn,
        },
      }),
      executeAfter: [...props.executeAfter, this.adminSecret],
      executeOnHandlerChange: true,
    });
    suppressFunctionFindings(this.launcher);
    // The unqualified function only: grantInvoke would add every version and alias too.
    this.launcher.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.fn.functionArn] }),
    );
    this.adminSecret.grantRead(this.launcher);
  }
}
