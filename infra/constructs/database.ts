import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';

export interface DatabaseProps {
  readonly vpc: ec2.IVpc;
  readonly minAcu: number;
  readonly maxAcu: number;
  readonly production: boolean;
}

export const DB_NAME = 'pulp';
export const DB_USER = 'pulp';
/** RDS Proxy always listens on the engine's standard port. */
const PROXY_PORT = 5432;

/**
 * Aurora PostgreSQL Serverless v2 behind an RDS Proxy that requires IAM auth and TLS; the
 * master credentials live in Secrets Manager and rotate monthly.
 */
export class Database extends Construct {
  readonly cluster: rds.DatabaseCluster;
  readonly proxy: rds.DatabaseProxy;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    this.cluster = new rds.DatabaseCluster(this, 'Cluster', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_17_5 }),
      writer: rds.ClusterInstance.serverlessV2('Writer'),
      // A reader in another AZ turns a writer failure into a failover instead of an outage.
      readers: props.production ? [rds.ClusterInstance.serverlessV2('Reader', { scaleWithWriter: true })] : [],
      serverlessV2MinCapacity: props.minAcu,
      serverlessV2MaxCapacity: props.maxAcu,
      credentials: rds.Credentials.fromGeneratedSecret(DB_USER),
      defaultDatabaseName: DB_NAME,
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      storageEncrypted: true,
      iamAuthentication: true,
      deletionProtection: props.production,
      backup: { retention: Duration.days(props.production ? 14 : 1) },
      removalPolicy: props.production ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY,
      cloudwatchLogsExports: ['postgresql'],
    });
    this.cluster.addRotationSingleUser({ automaticallyAfter: Duration.days(30) });

    this.proxy = this.cluster.addProxy('Proxy', {
      secrets: [this.cluster.secret!],
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      iamAuth: true,
      requireTLS: true,
    });

    acknowledge(
      this.cluster,
      'RDS11',
      'The default port hides nothing: the cluster sits in isolated subnets and admits only the proxy and migrate security groups.',
    );
    if (!props.production) {
      acknowledge(this.cluster, 'RDS10', 'Deletion protection is on in production mode only, so dev stacks tear down.');
    }
  }

  /** Lets fn reach the proxy with a signed IAM token: sets DB_* and grants rds-db:connect. */
  bindProxy(fn: lambda.Function): void {
    fn.addEnvironment('DB_HOST', this.proxy.endpoint);
    fn.addEnvironment('DB_PORT', String(PROXY_PORT));
    fn.addEnvironment('DB_NAME', DB_NAME);
    fn.addEnvironment('DB_USER', DB_USER);
    fn.addEnvironment('DB_IAM_AUTH', '1');
    this.proxy.grantConnect(fn, DB_USER);
    this.proxy.connections.allowFrom(fn, ec2.Port.tcp(PROXY_PORT), 'Pulp functions to the RDS proxy');
  }

  /** Lets fn (the migrator) reach the cluster directly with the master secret. */
  bindCluster(fn: lambda.Function): void {
    fn.addEnvironment('DB_HOST', this.cluster.clusterEndpoint.hostname);
    fn.addEnvironment('DB_PORT', this.cluster.clusterEndpoint.port.toString());
    fn.addEnvironment('DB_NAME', DB_NAME);
    fn.addEnvironment('DB_USER', DB_USER);
    fn.addEnvironment('DB_SECRET_ARN', this.cluster.secret!.secretArn);
    this.cluster.secret!.grantRead(fn);
    this.cluster.connections.allowDefaultPortFrom(fn, 'Migrator to the cluster');
  }
}
