import { Duration, Stack } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as triggers from 'aws-cdk-lib/triggers';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';
import { type FunctionDefaults, pulpFunctionProps, suppressFunctionFindings } from './pulp-function';

export interface MigrationsProps extends FunctionDefaults {
  /** What must exist before the migration runs (the cluster, its proxy, the network). */
  readonly executeAfter: Construct[];
}

/**
 * Runs the numbered SQL migrations at deploy time and creates the Pulp admin user; a throw
 * fails the deployment, so no request ever meets an old schema.
 */
export class Migrations extends Construct {
  readonly fn: triggers.TriggerFunction;
  /** The generated Pulp admin password ({"username":"admin","password":...}). */
  readonly adminSecret: secretsmanager.Secret;
  /** Its fixed name, <stack>/pulp-admin, known without parsing the ARN. */
  readonly adminSecretName: string;

  constructor(scope: Construct, id: string, props: MigrationsProps) {
    super(scope, id);
    // A fixed name, so operators and docs can find it.
    this.adminSecretName = `${Stack.of(this).stackName}/pulp-admin`;
    this.adminSecret = new secretsmanager.Secret(this, 'AdminSecret', {
      secretName: this.adminSecretName,
      description: 'Pulp admin user password',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ username: 'admin' }),
        generateStringKey: 'password',
        excludePunctuation: true,
        passwordLength: 32,
      },
    });
    acknowledge(
      this.adminSecret,
      'SMG4',
      'The Pulp admin password lives in Postgres (set by migrate); rotating the secret alone would desync it. Rotate by changing it and redeploying.',
    );

    this.fn = new triggers.TriggerFunction(this, 'Function', {
      ...pulpFunctionProps(this, {
        ...props,
        name: 'migrate',
        description: 'Pulp schema migrations (runs at deploy)',
        memoryMb: 512,
        // Also the trigger's wait: a long migration must not be cut off at the 2-minute default.
        timeout: Duration.minutes(10),
        environment: { ADMIN_SECRET_NAME: this.adminSecretName },
      }),
      executeAfter: props.executeAfter,
      executeOnHandlerChange: true,
    });
    this.adminSecret.grantRead(this.fn);
    this.fn.executeAfter(this.adminSecret);
    suppressFunctionFindings(this.fn);
  }
}
