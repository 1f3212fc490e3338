import { Duration, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as rds from 'aws-cdk-lib/aws-rds';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';
import { createLogGroup } from './log-group';
import { DATA_SUBNETS, FUNCTION_SUBNETS } from './network';

export interface DatabaseProps {
  readonly vpc: ec2.IVpc;
  readonly minAcu: number;
  readonly maxAcu: number;
  readonly autoPauseSeconds: number;
  readonly production: boolean;
  readonly rdsProxy: boolean;
  /** Rotate the master secret monthly (a rotation Lambda in the VPC that must reach Secrets Manager). */
  readonly rotateMasterSecret: boolean;
  readonly logRetentionDays: number;
}

export const DB_NAME = 'pulp';
/** The master user: owns the schema; only the migrate function logs in as it, with the password. */
export const DB_OWNER = 'pulp';
/** The functions' role: the migrate function creates it with only the grants the app needs; IAM tokens only. */
export const DB_APP_USER = 'pulp_app';
const POSTGRES_PORT = 5432;
/** Node in Lambda trusts the RDS certificate authorities only when told to load this file. */
const RDS_CA_BUNDLE = '/var/runtime/ca-cert.pem';

/**
 * The proxy's pool: most of max_connections for the app (migrate and rotation connect
 * directly), and a borrow timeout that fails a request well before the API's 29 s.
 */
export const PROXY_POOL = { maxConnectionsPercent: 90, maxIdleConnectionsPercent: 10, borrowTimeoutSeconds: 20 } as const;

/** A fixed, valid cluster identifier, so the log group RDS writes to can exist (with retention) first. */
export const clusterIdentifierFor = (stackName: string): string =>
  `${stackName}-aurora`
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .replace(/-+/g, '-')
    .slice(0, 63)
    .replace(/-$/, '');

/**
 * Aurora PostgreSQL Serverless v2. Lean: one writer that pauses at 0 ACU, functions connect
 * directly with IAM tokens. Production: a reader in another AZ and an RDS Proxy with
 * end-to-end IAM auth. The master secret is for the migrate function alone.
 */
export class Database extends Construct {
  readonly cluster: rds.DatabaseCluster;
  readonly proxy?: rds.DatabaseProxy;
  readonly masterSecret: secretsmanager.ISecret;
  /** What the migrate trigger must wait for: the cluster and its instances. */
  readonly ready: Construct[];

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    const clusterIdentifier = clusterIdentifierFor(Stack.of(this).stackName);
    const postgresLogs = createLogGroup(this, 'PostgresLogs', {
      ...props,
      logGroupName: `/aws/rds/cluster/${clusterIdentifier}/postgresql`,
    });

    this.cluster = new rds.DatabaseCluster(this, 'Cluster', {
      clusterIdentifier,
      engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_17_5 }),
      writer: rds.ClusterInstance.serverlessV2('Writer'),
      // A reader in another AZ turns a writer failure into a failover instead of an outage.
      readers: props.production ? [rds.ClusterInstance.serverlessV2('Reader', { scaleWithWriter: true })] : [],
      serverlessV2MinCapacity: props.minAcu,
      serverlessV2MaxCapacity: props.maxAcu,
      ...(props.minAcu === 0 && { serverlessV2AutoPauseDuration: Duration.seconds(props.autoPauseSeconds) }),
      credentials: rds.Credentials.fromGeneratedSecret(DB_OWNER),
      defaultDatabaseName: DB_NAME,
      vpc: props.vpc,
      vpcSubnets: DATA_SUBNETS,
      storageEncrypted: true,
      iamAuthentication: true,
      deletionProtection: props.production,
      backup: { retention: Duration.days(props.production ? 14 : 1) },
      removalPolicy: props.production ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY,
      cloudwatchLogsExports: ['postgresql'],
    });
    this.cluster.node.addDependency(postgresLogs);
    this.masterSecret = this.cluster.secret!;
    // The snapshot production keeps is only usable with the password that goes with it.
    (this.cluster.node.findChild('Secret') as secretsmanager.Secret).applyRemovalPolicy(
      props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    );
    this.ready = [this.cluster];

    if (props.rotateMasterSecret) {
      this.rotateMasterSecret(props);
    } else {
      acknowledge(
        this.cluster,
        'SMG4',
        'Lean has no route from the VPC to Secrets Manager for a rotation function; only the migrate launcher reads this password, at deploy.',
      );
    }

    if (props.rdsProxy) this.proxy = this.createProxy(props);

    acknowledge(
      this.cluster,
      'RDS11',
      'The default port hides nothing: the cluster sits in isolated subnets and admits only the functions that need it.',
    );
    if (!props.production) {
      acknowledge(this.cluster, 'RDS10', 'Deletion protection is on in production only, so lean stacks tear down.');
    }
  }

  /** Monthly, never on create: the migrate trigger reads the password while the stack deploys. */
  private rotateMasterSecret(props: DatabaseProps): void {
    const rotation = this.cluster.addRotationSingleUser({
      automaticallyAfter: Duration.days(30),
      rotateImmediatelyOnUpdate: false,
      vpcSubnets: FUNCTION_SUBNETS,
    });
    // The rotation function (from the Serverless Application Repository) is named this way by
    // CDK; its log group exists first, so it expires and leaves with the stack.
    const uniqueId = Names.uniqueId(rotation);
    const functionName = uniqueId.substring(Math.max(uniqueId.length - 64, 0));
    rotation.node.addDependency(
      createLogGroup(this, 'RotationLogs', { ...props, logGroupName: `/aws/lambda/${functionName}` }),
    );
  }

  /** End-to-end IAM auth: clients and the proxy's own connections use IAM, no secret in between. */
  private createProxy(props: DatabaseProps): rds.DatabaseProxy {
    const role = new iam.Role(this, 'ProxyRole', {
      assumedBy: new iam.ServicePrincipal('rds.amazonaws.com'),
      description: 'RDS Proxy: connects to Aurora as the app role with IAM tokens',
    });
    this.cluster.grantConnect(role, DB_APP_USER);
    const proxy = this.cluster.addProxy('Proxy', {
      vpc: props.vpc,
      vpcSubnets: FUNCTION_SUBNETS,
      role,
      defaultAuthScheme: rds.DefaultAuthScheme.IAM_AUTH,
      requireTLS: true,
      maxConnectionsPercent: PROXY_POOL.maxConnectionsPercent,
      maxIdleConnectionsPercent: PROXY_POOL.maxIdleConnectionsPercent,
      borrowTimeout: Duration.seconds(PROXY_POOL.borrowTimeoutSeconds),
    });
    this.ready.push(proxy);
    return proxy;
  }

  /**
   * Lets fn connect as the app role with a signed IAM token (no secret to fetch, no endpoint
   * needed): through the proxy when there is one, else straight to the cluster.
   */
  bindApp(fn: lambda.Function): void {
    fn.addEnvironment('DB_PORT', String(POSTGRES_PORT));
    fn.addEnvironment('DB_NAME', DB_NAME);
    fn.addEnvironment('DB_USER', DB_APP_USER);
    fn.addEnvironment('DB_IAM_AUTH', '1');
    if (this.proxy) {
      fn.addEnvironment('DB_HOST', this.proxy.endpoint);
      this.proxy.grantConnect(fn, DB_APP_USER);
      this.proxy.connections.allowFrom(fn, ec2.Port.tcp(POSTGRES_PORT), 'Pulp functions to the RDS proxy');
    } else {
      fn.addEnvironment('DB_HOST', this.cluster.clusterEndpoint.hostname);
      fn.addEnvironment('NODE_EXTRA_CA_CERTS', RDS_CA_BUNDLE);
      this.cluster.grantConnect(fn, DB_APP_USER);
      this.cluster.connections.allowDefaultPortFrom(fn, 'Pulp functions to the cluster');
    }
  }

  /**
   * The migrator connects to the cluster directly as the owner; the launcher outside the VPC
   * reads the master secret and hands it over, so nothing in the VPC calls Secrets Manager.
   */
  bindMigrator(migrator: lambda.Function, launcher: lambda.Function): void {
    migrator.addEnvironment('DB_HOST', this.cluster.clusterEndpoint.hostname);
    migrator.addEnvironment('DB_PORT', String(POSTGRES_PORT));
    migrator.addEnvironment('DB_NAME', DB_NAME);
    migrator.addEnvironment('APP_DB_USER', DB_APP_USER);
    migrator.addEnvironment('NODE_EXTRA_CA_CERTS', RDS_CA_BUNDLE);
    this.cluster.connections.allowDefaultPortFrom(migrator, 'Migrator to the cluster');
    launcher.addEnvironment('DB_SECRET_ARN', this.masterSecret.secretArn);
    this.masterSecret.grantRead(launcher);
  }
}
