import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import type { PulpConfig } from './config';
import { AccessKeys } from './constructs/access-keys';
import { Api } from './constructs/api';
import { Canary } from './constructs/canary';
import { Content } from './constructs/content';
import { Database } from './constructs/database';
import { DeliveryIndex } from './constructs/delivery-index';
import { Fetcher } from './constructs/fetcher';
import { Migrations } from './constructs/migrations';
import { Monitoring } from './constructs/monitoring';
import { type InterfaceEndpointName, Network } from './constructs/network';
import { giveProviderFunctionsLogGroups } from './constructs/provider-logs';
import type { FunctionDefaults, VpcPlacement } from './constructs/pulp-function';
import { Storage } from './constructs/storage';
import { Sweeper } from './constructs/sweeper';
import { Tasking } from './constructs/tasking';
import { Worker } from './constructs/worker';

export interface PulpStackProps extends StackProps {
  readonly config: PulpConfig;
}

/** The functions of the stack; those in DATABASE_CLIENTS run in the VPC and connect to Postgres. */
type FunctionName = 'api' | 'content' | 'worker' | 'sweeper';
/**
 * Content is not among them: it resolves paths from the delivery index alone, so downloads go
 * on whatever Aurora does, and it reaches upstreams for on-demand fetches without a NAT.
 */
const DATABASE_CLIENTS: readonly FunctionName[] = ['api', 'worker', 'sweeper'];

/** Serverless Pulp: composes one construct per concern and wires their grants. */
export class PulpStack extends Stack {
  readonly network: Network;
  readonly database: Database;
  readonly storage: Storage;
  readonly deliveryIndex: DeliveryIndex;
  readonly tasking: Tasking;
  readonly api: Api;
  readonly content: Content;
  readonly worker: Worker;
  readonly fetcher: Fetcher;
  readonly sweeper: Sweeper;
  readonly migrations: Migrations;
  readonly canary: Canary;
  readonly monitoring: Monitoring;
  readonly accessKeys: AccessKeys;

  constructor(scope: Construct, id: string, props: PulpStackProps) {
    super(scope, id, props);
    const { config } = props;
    // Rotation runs a function in the VPC that calls Secrets Manager: production only.
    const rotateMasterSecret = config.production;
    const interfaceEndpoints: InterfaceEndpointName[] = [
      'sqs',
      // In-VPC functions reading Secrets Manager: the rotation Lambda, and the API reading an operator's signing keys.
      ...(rotateMasterSecret || config.signingSecretArn ? ['secretsManager' as const] : []),
      // Sealing with KMS from inside the VPC; the deployment-key mode needs no call at all.
      ...(config.secretsAtRest === 'kms' ? ['kms' as const] : []),
    ];

    this.network = new Network(this, 'Network', { ...config, interfaceEndpoints });
    this.database = new Database(this, 'Database', { ...config, vpc: this.network.vpc, rotateMasterSecret });
    this.storage = new Storage(this, 'Storage', config);
    this.deliveryIndex = new DeliveryIndex(this, 'DeliveryIndex', config);
    this.tasking = new Tasking(this, 'Tasking', { workerTimeout: Duration.seconds(config.workerTimeoutSeconds) });

    const defaults: FunctionDefaults = {
      functionsDir: config.functionsDir,
      logRetentionDays: config.logRetentionDays,
      production: config.production,
    };
    const inVpc: VpcPlacement = { vpc: this.network.vpc, securityGroups: [this.network.functionSecurityGroup] };
    const placement = (name: FunctionName): VpcPlacement | undefined =>
      DATABASE_CLIENTS.includes(name) ? inVpc : undefined;

    this.api = new Api(this, 'Api', {
      ...defaults,
      placement: placement('api'),
      memoryMb: config.apiMemoryMb,
      throttleRate: config.apiThrottleRate,
      throttleBurst: config.apiThrottleBurst,
    });
    this.accessKeys = new AccessKeys(this, 'AccessKeys', {
      production: config.production,
      secretsAtRest: config.secretsAtRest,
      artifactSigningPublicKeys: config.artifactSigningPublicKeys,
      signingSecretArn: config.signingSecretArn,
    });
    this.content = new Content(this, 'Content', {
      ...defaults,
      placement: placement('content'),
      artifactKeyGroup: this.accessKeys.artifactKeyGroup,
      memoryMb: config.contentMemoryMb,
      maxConcurrency: config.contentMaxConcurrency,
      bucket: this.storage.bucket,
      logsBucket: this.storage.logsBucket,
      domainName: config.domainName,
      certificateArn: config.certificateArn,
      wafRateLimit: config.wafRateLimit,
    });
    this.worker = new Worker(this, 'Worker', {
      ...defaults,
      placement: placement('worker'),
      memoryMb: config.workerMemoryMb,
      timeoutSeconds: config.workerTimeoutSeconds,
      reservedConcurrency: config.workerMaxConcurrency,
    });
    this.fetcher = new Fetcher(this, 'Fetcher', {
      ...defaults,
      memoryMb: 1024,
      timeoutSeconds: 300,
      maxConcurrency: config.fetcherMaxConcurrency,
    });
    // A deploy updates the fetcher first: the worker's new code may send jobs only it reads
    // (the fetcher still reads what the worker's old code sent).
    this.worker.fn.node.addDependency(this.fetcher.fn);
    this.sweeper = new Sweeper(this, 'Sweeper', { ...defaults, placement: placement('sweeper') });
    // The migrator alone gets its own security group: it alone logs in as the owner.
    this.migrations = new Migrations(this, 'Migrations', {
      ...defaults,
      placement: { vpc: this.network.vpc, securityGroups: [] },
      executeAfter: [...this.database.ready, this.network.vpc],
    });

    this.wire(config);

    this.canary = new Canary(this, 'Canary', {
      // Every API request reaches Postgres; lean leaves Aurora to pause and probes content only.
      apiUrl: config.production ? this.api.url : undefined,
      contentUrl: this.content.origin,
      intervalMinutes: config.canaryIntervalMinutes,
      logRetentionDays: config.logRetentionDays,
      production: config.production,
    });
    this.monitoring = new Monitoring(this, 'Monitoring', {
      httpApi: this.api.httpApi,
      functions: { api: this.api.fn, content: this.content.fn, worker: this.worker.fn, fetcher: this.fetcher.fn, sweeper: this.sweeper.fn },
      workerTimeoutSeconds: config.workerTimeoutSeconds,
      taskQueue: this.tasking.taskQueue,
      downloadDlq: this.fetcher.dlq,
      cluster: this.database.cluster,
      proxy: this.database.proxy,
      maxAcu: config.maxAcu,
      distribution: this.content.distribution,
      canary: this.canary.fn,
      canaryIntervalMinutes: config.canaryIntervalMinutes,
      taskAgeAlarmSeconds: config.taskAgeAlarmSeconds,
      production: config.production,
      alarmEmail: config.alarmEmail,
      alarmTopicArn: config.alarmTopicArn,
    });

    giveProviderFunctionsLogGroups(this, config);
    this.outputs();
  }

  /** Each function gets exactly the access the contract lists for it. */
  private wire(config: PulpConfig): void {
    const { database, storage, tasking, deliveryIndex } = this;
    const functions: Record<FunctionName, lambda.Function> = {
      api: this.api.fn,
      content: this.content.fn,
      worker: this.worker.fn,
      sweeper: this.sweeper.fn,
    };
    const { api, content, worker, sweeper } = functions;

    for (const name of DATABASE_CLIENTS) database.bindApp(functions[name]);
    database.bindMigrator(this.migrations.fn, this.migrations.launcher);

    const fetcher = this.fetcher.fn;
    for (const fn of [api, content, worker, fetcher]) storage.bindBucket(fn, 'RW');
    for (const fn of [content, fetcher]) deliveryIndex.bindIndex(fn, 'Fetch');
    this.fetcher.bindSender(worker);
    for (const fn of [api, worker, sweeper]) deliveryIndex.bindIndex(fn, 'RW');

    for (const fn of [api, worker, sweeper]) tasking.bindTaskSender(fn);
    tasking.bindDlqDrainer(sweeper);
    tasking.attachWorker(worker, config.workerMaxConcurrency);

    for (const fn of [api, worker]) {
      fn.addEnvironment('CONTENT_ORIGIN', this.content.origin);
      fn.addEnvironment('ARTIFACT_URL_MODE', 'cloudfront');
    }

    // Secrets at rest wherever remotes are read or written (the index's copy included: fetchers
    // and the content app open it); signing keys where URLs are signed or checked.
    for (const fn of [api, worker, sweeper, fetcher, this.migrations.fn]) this.accessKeys.bind(fn, { signs: fn === api });
    this.accessKeys.bind(content, { signs: true });
    // An RBAC content guard is checked by the API (the content function has no database).
    content.addEnvironment('API_ORIGIN', this.api.url.replace(/\/$/, ''));
  }

  private outputs(): void {
    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'pulp-cli base_url' });
    new CfnOutput(this, 'ContentUrl', {
      value: this.content.origin,
      description: 'Where clients fetch content: pip index, dnf baseurl, distribution base_url',
    });
    new CfnOutput(this, 'ContentDistributionDomain', {
      value: this.content.distribution.distributionDomainName,
      description: 'CloudFront domain: point the custom domain CNAME (or Route 53 alias) here',
    });
    new CfnOutput(this, 'AdminSecretName', {
      value: this.migrations.adminSecret.secretName,
      description: 'Secrets Manager secret with the Pulp admin password',
    });
    new CfnOutput(this, 'DashboardName', { value: this.monitoring.dashboard.dashboardName });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.monitoring.topic.topicArn,
      description: 'SNS topic every alarm notifies; subscribe to it',
    });
  }
}
