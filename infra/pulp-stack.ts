import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { PulpConfig } from './config';
import { AccessKeys } from './constructs/access-keys';
import { Api } from './constructs/api';
import { Canary } from './constructs/canary';
import { Content } from './constructs/content';
import { Database } from './constructs/database';
import { Migrations } from './constructs/migrations';
import { Monitoring } from './constructs/monitoring';
import { Network } from './constructs/network';
import type { FunctionDefaults } from './constructs/pulp-function';
import { Storage } from './constructs/storage';
import { Sweeper } from './constructs/sweeper';
import { Tasking } from './constructs/tasking';
import { Worker } from './constructs/worker';

export interface PulpStackProps extends StackProps {
  readonly config: PulpConfig;
}

/** Serverless Pulp: composes one construct per concern and wires their grants. */
export class PulpStack extends Stack {
  readonly network: Network;
  readonly database: Database;
  readonly storage: Storage;
  readonly tasking: Tasking;
  readonly api: Api;
  readonly content: Content;
  readonly worker: Worker;
  readonly sweeper: Sweeper;
  readonly migrations: Migrations;
  readonly canary: Canary;
  readonly monitoring: Monitoring;
  readonly accessKeys: AccessKeys;

  constructor(scope: Construct, id: string, props: PulpStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.network = new Network(this, 'Network', config);
    this.database = new Database(this, 'Database', { ...config, vpc: this.network.vpc });
    this.storage = new Storage(this, 'Storage', config);
    this.tasking = new Tasking(this, 'Tasking', { workerTimeout: Duration.seconds(config.workerTimeoutSeconds) });

    const defaults: FunctionDefaults = {
      functionsDir: config.functionsDir,
      logRetentionDays: config.logRetentionDays,
      production: config.production,
      vpc: this.network.vpc,
      securityGroups: [this.network.functionSecurityGroup],
    };

    this.api = new Api(this, 'Api', {
      ...defaults,
      memoryMb: config.apiMemoryMb,
      throttleRate: config.apiThrottleRate,
      throttleBurst: config.apiThrottleBurst,
    });
    this.accessKeys = new AccessKeys(this, 'AccessKeys', {
      production: config.production,
      artifactSigningPublicKeys: config.artifactSigningPublicKeys,
      signingSecretArn: config.signingSecretArn,
    });
    this.content = new Content(this, 'Content', {
      ...defaults,
      artifactKeyGroup: this.accessKeys.artifactKeyGroup,
      memoryMb: config.contentMemoryMb,
      bucket: this.storage.bucket,
      logsBucket: this.storage.logsBucket,
      domainName: config.domainName,
      certificateArn: config.certificateArn,
    });
    this.worker = new Worker(this, 'Worker', {
      ...defaults,
      memoryMb: config.workerMemoryMb,
      timeoutSeconds: config.workerTimeoutSeconds,
      reservedConcurrency: config.workerMaxConcurrency,
    });
    this.sweeper = new Sweeper(this, 'Sweeper', defaults);
    // The migrator alone gets its own security group: it alone may reach the cluster directly.
    this.migrations = new Migrations(this, 'Migrations', {
      ...defaults,
      securityGroups: [],
      executeAfter: [this.database.cluster, this.database.proxy, this.network.vpc],
    });

    this.wire(config);

    this.canary = new Canary(this, 'Canary', {
      apiUrl: this.api.url,
      contentUrl: this.content.origin,
      logsBucket: this.storage.logsBucket,
      production: config.production,
    });
    this.monitoring = new Monitoring(this, 'Monitoring', {
      httpApi: this.api.httpApi,
      functions: {
        api: this.api.fn,
        content: this.content.fn,
        worker: this.worker.fn,
        sweeper: this.sweeper.fn,
      },
      taskQueue: this.tasking.taskQueue,
      deadLetterQueues: { TaskDlq: this.tasking.taskDlq, DownloadDlq: this.tasking.downloadDlq },
      cluster: this.database.cluster,
      maxAcu: config.maxAcu,
      distribution: this.content.distribution,
      canary: this.canary.canary,
      taskAgeAlarmSeconds: config.taskAgeAlarmSeconds,
      alarmEmail: config.alarmEmail,
      alarmTopicArn: config.alarmTopicArn,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'pulp-cli base_url' });
    new CfnOutput(this, 'ContentUrl', { value: this.content.origin, description: 'Content origin (CloudFront)' });
    new CfnOutput(this, 'AdminSecretName', {
      value: this.migrations.adminSecretName,
      description: 'Secrets Manager secret with the Pulp admin password',
    });
    new CfnOutput(this, 'DashboardName', { value: this.monitoring.dashboard.dashboardName });
  }

  /** Each function gets exactly the access the contract lists for it. */
  private wire(config: PulpConfig): void {
    const { database, storage, tasking } = this;
    const api = this.api.fn;
    const content = this.content.fn;
    const worker = this.worker.fn;
    const sweeper = this.sweeper.fn;

    for (const fn of [api, content, worker, sweeper]) database.bindProxy(fn);
    database.bindCluster(this.migrations.fn);

    for (const fn of [api, content, worker]) storage.bindBucket(fn, 'RW');

    for (const fn of [api, worker, sweeper]) tasking.bindTaskSender(fn);
    tasking.bindDownloadSender(worker);
    tasking.bindDlqReader(sweeper);
    tasking.attachWorker(worker, config.workerMaxConcurrency);

    for (const fn of [api, worker]) {
      fn.addEnvironment('CONTENT_ORIGIN', this.content.origin);
      fn.addEnvironment('ARTIFACT_URL_MODE', 'cloudfront');
    }

    // Secrets at rest for every function that reads or writes remotes; signing keys where URLs are signed.
    for (const fn of [api, worker, this.migrations.fn]) this.accessKeys.bind(fn, { signs: fn === api });
    this.accessKeys.bind(content, { signs: true });
  }
}
