import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Pool } from 'pg';
import { awsClientConfig } from '../adapters/aws-client-config';
import { DynamoDeliveryIndex } from '../adapters/dynamodb/dynamodb-delivery-index';
import { ApiGuardAuthority } from '../adapters/http/api-guard-authority';
import { DynamoFetchResults } from '../adapters/dynamodb/dynamodb-fetch-results';
import { SqsFetchQueue } from '../adapters/sqs/sqs-fetch-queue';
import { Fetcher } from '../core/download/fetcher';
import { pgCoreData } from '../adapters/postgres/core-data';
import { Database, DEFAULT_DATABASE_TIMEOUTS } from '../adapters/postgres/database';
import { createPool } from '../adapters/postgres/pool';
import { PgDeliveryReader } from '../adapters/postgres/stores/delivery-store';
import { PgTaskGroupStore } from '../adapters/postgres/task-group-store';
import { PgWorkerRegistry } from '../adapters/postgres/worker-registry';
import { apiRoutes } from '../api/route-table';
import { GUARD_TYPES } from '../core/access/core-viewsets';
import type { SealedRemoteStore } from '../core/remotes/sealed-remote-store';
import type { Logger } from '../core/logger';
import type { Remote } from '../core/models/remote';
import type { CoreData } from '../core/ports/core-data';
import type { DeliveryIndex } from '../core/ports/delivery-index';
import type { MaintenanceSignals } from '../core/ports/maintenance-signals';
import { AwsMaintenanceSignals } from '../adapters/aws/aws-maintenance-signals';
import { ResourceNames } from '../core/resources/resource-names';
import { StatusService } from '../core/status/status-service';
import { appVersions, componentVersions, type ComponentVersion } from '../core/status/versions';
import type { BlobStore } from '../core/storage/blob-store';
import type { TaskDispatcher } from '../core/tasks/dispatcher';
import type { TaskCanceller } from '../core/tasks/task-canceller';
import type { TaskGroupStore } from '../core/tasks/task-group';
import type { TaskQueue } from '../core/tasks/task-queue';
import type { TaskRegistry } from '../core/tasks/task-registry';
import type { TaskRunner } from '../core/tasks/task-runner';
import type { TaskStore } from '../core/tasks/task-store';
import type { TaskScheduleStore } from '../core/tasks/task-schedule';
import type { TaskSweeper } from '../core/tasks/task-sweeper';
import { Heartbeat } from '../core/workers/heartbeat';
import type { AppKind, WorkerRegistry } from '../core/workers/worker-registry';
import type { DeliveryContext } from '../content/delivery-context';
import type { Route } from '../http/route';
import { createRouter, type Handle } from '../http/router';
import type { PluginDefinition } from '../plugin-api/definitions/plugin-definition';
import type { PluginServices } from '../plugin-api/definitions/plugin-services';
import type { TypeHrefs } from '../plugin-api/definitions/type-hrefs';
import { InstalledTypes } from '../plugin-api/installed-types';
import { buildAccess, taskPrincipal, type AccessOverrides, type AccessServices } from './access';
import { accessRouterOptions } from './access-router';
import { blobStoreFor } from './blob-store-for';
import { withSealedRemotes } from './sealed-index';
import type { Config } from './config';
import { buildCoreServices, type CoreServices } from './core-services';
import { buildDeliveryContext } from './delivery';
import { DeliveryIndexer } from './delivery-indexer';
import { buildPluginServices } from './plugin-services';
import { buildTasking } from './tasking';
import { registerGeneralTasks } from './tasks/general-tasks';
import { registerPlatformTasks } from './tasks/platform-tasks';
import { registerPluginTasks } from './tasks/plugin-tasks';
import { sealedData } from './sealed-data';
import { registerRepositoryTasks } from './tasks/repository-tasks';

/** Everything a handler needs, built once per process from configuration and the installed plugins. */
export interface App {
  readonly config: Config;
  readonly logger: Logger;
  readonly db: Database;
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  readonly blobs: BlobStore;
  /** The installed plugins' types, looked up by pulp_type. */
  readonly types: InstalledTypes;
  readonly names: ResourceNames;
  readonly hrefs: TypeHrefs;
  readonly components: ComponentVersion[];
  readonly data: CoreData & { remotes: SealedRemoteStore };
  readonly services: CoreServices;
  /** What plugin code (routes, tasks, hooks) is given. */
  readonly plugins: PluginServices;
  readonly taskStore: TaskStore;
  readonly taskGroups: TaskGroupStore;
  readonly taskQueue: TaskQueue;
  readonly registry: TaskRegistry;
  readonly dispatcher: TaskDispatcher;
  readonly runner: TaskRunner;
  readonly canceller: TaskCanceller;
  readonly sweeper: TaskSweeper;
  readonly taskSchedules: TaskScheduleStore;
  readonly workers: WorkerRegistry;
  /** Users, groups, roles, policies, guards, tokens, signing keys, secrets at rest. */
  readonly access: AccessServices;
  readonly status: StatusService;
  /** What the content app serves from. */
  readonly delivery: DeliveryContext;
  /** The delivery index (DynamoDB) the content app reads. */
  readonly deliveryIndex: DeliveryIndex;
  /** Keeps the delivery index in step with Postgres. */
  readonly indexer: DeliveryIndexer;
  /** What the sweeper reads before it touches Postgres. */
  readonly signals: MaintenanceSignals;
  /** Marks that the API is in use (at most once a minute per process): the sweeper keeps running meanwhile. */
  markActivity(): Promise<void>;
  /** Fetches one file for a sync (the fetcher function). */
  readonly fetcher: Fetcher;
  /** The API's route table (core, every type's standard endpoints, plugins' own routes). */
  readonly routes: Route<App>[];
  /** The route table compiled into the API Gateway handler. */
  readonly router: { handle: Handle<App> };
  /** This process's heartbeat as an app of `kind` (status/ lists apps that beat within WORKER_TTL). */
  heartbeat(kind: AppKind): Heartbeat;
  close(): Promise<void>;
}

export interface AppOverrides extends AccessOverrides {
  pool?: Pool;
  /** The database password when not in the URL and not IAM (the migrate function). */
  databasePassword?: string;
  /** A blob store other than the one the configuration names (tests). */
  blobs?: BlobStore;
  /** How this process names itself in status/ and on the tasks it runs. */
  processName?: (kind: AppKind) => string;
}

/** An API process marks its activity at most this often (one DynamoDB write). */
const ACTIVITY_MARK_MS = 60_000;

/** The one place that wires adapters, services, tasks and routes together: plain composition. */
export function createApp(config: Config, plugins: readonly PluginDefinition[], logger: Logger, overrides: AppOverrides = {}): App {
  const aws = awsClientConfig(config.region, config.awsEndpoint);
  const queryTimeoutMs = config.database.queryTimeoutMs ?? DEFAULT_DATABASE_TIMEOUTS.queryTimeoutMs;
  const db = new Database(overrides.pool ?? createPool(config.database, config.region, overrides.databasePassword), {
    queryTimeoutMs,
    transactionTimeoutMs: queryTimeoutMs * 2,
  });
  const s3 = new S3Client(aws);
  const sqs = new SQSClient(aws);
  const dynamo = new DynamoDBClient(aws);
  const deliveryIndex = new DynamoDeliveryIndex(dynamo, config.deliveryTable);
  const blobs = overrides.blobs ?? blobStoreFor(config, s3);
  const types = new InstalledTypes(plugins);
  const guardCollections = GUARD_TYPES.map((g) => ({ prefix: `/pulp/api/v3/contentguards/core/${g.type}/`, model: g.model }));
  const names = new ResourceNames([...types.collections(), ...guardCollections]);
  const hrefs = types.hrefs();
  const components = componentVersions(types.components());

  const access = buildAccess(db, types, config, logger, overrides);
  const data = sealedData(pgCoreData(db, types.contentStorage()), access.secretBox);
  const sharedIndex = withSealedRemotes(deliveryIndex, data.remotes);
  const workers = new PgWorkerRegistry(db);
  const { taskStore, taskQueue, registry, runner, dispatcher, canceller, sweeper, taskSchedules } = buildTasking(config, db, sqs, workers, logger, taskPrincipal(access));
  const delivery = new PgDeliveryReader(db, (pulpType) => types.distributions.find(pulpType)?.definition.serveFrom ?? 'publication');

  const fetchResults = new DynamoFetchResults(dynamo, config.deliveryTable);
  const fanOut = config.downloadQueueUrl
    ? {
        queue: new SqsFetchQueue(sqs, config.downloadQueueUrl),
        results: fetchResults,
        shareRemote: (remote: Remote) => sharedIndex.putRemote(remote),
        maxInFlight: config.fetchMaxInFlight,
        pollMs: config.fetchPollMs,
      }
    : undefined;
  const services = buildCoreServices({ data, blobs, delivery, rules: types.versionRules(), fanOut });
  const signals = new AwsMaintenanceSignals(sqs, [config.taskQueueUrl, config.taskDlqUrl ?? ''].filter(Boolean), dynamo, config.deliveryTable);
  let activityMarked = 0;
  const heartbeats = new Map<AppKind, Heartbeat>();
  const routes = apiRoutes(types, components);
  const versionsByName = appVersions(components);
  const processName = overrides.processName ?? ((kind: AppKind) => kind);

  const built: App = {
    config,
    logger,
    db,
    s3,
    sqs,
    blobs,
    types,
    names,
    hrefs,
    components,
    data,
    services,
    plugins: undefined as unknown as PluginServices,
    delivery: undefined as unknown as DeliveryContext,
    deliveryIndex: sharedIndex,
    fetcher: new Fetcher(blobs, fetchResults, (id) => sharedIndex.getRemote(id)),
    indexer: new DeliveryIndexer(sharedIndex, delivery, { artifacts: services.artifacts, content: data.content, remotes: services.remotes, guards: access.guards }, logger),
    taskStore,
    taskGroups: new PgTaskGroupStore(db),
    taskQueue,
    registry,
    dispatcher,
    runner,
    canceller,
    sweeper,
    taskSchedules,
    workers,
    access,
    status: new StatusService({
      workers,
      databaseConnected: () => db.ping(),
      contentOrigin: config.contentOrigin ?? null,
      contentPathPrefix: config.contentPathPrefix,
      ttlSeconds: config.workerTtlSeconds,
      components,
    }),
    routes,
    router: createRouter<App>(routes, {
      ...accessRouterOptions(),
      timeBudgetMs: config.requestBudgetMs,
      onError: (error, where) => logger.error('Unhandled error in API route', { error: error as Error, ...where }),
      // Expected under a database stall: one line, no stack.
      onUnavailable: (error, where) => logger.warn('API request answered 503', { reason: error.message, ...where }),
      onUndeclaredStatus: (info) => logger.error('Route answered a status its OpenAPI operation does not declare', info),
    }),
    signals,
    async markActivity() {
      const now = Date.now();
      if (now - activityMarked < ACTIVITY_MARK_MS) return;
      activityMarked = now;
      await signals.markActivity(now).catch(() => {
        activityMarked = 0;
      });
    },
    heartbeat(kind) {
      let beat = heartbeats.get(kind);
      if (!beat) heartbeats.set(kind, (beat = new Heartbeat(workers, processName(kind), kind, versionsByName, config.workerTtlSeconds)));
      return beat;
    },
    async close() {
      s3.destroy();
      sqs.destroy();
      dynamo.destroy();
      await db.close();
    },
  };
  // Plugin services are built from the app they serve (publishing runs plugins' publishers).
  (built as { plugins: PluginServices }).plugins = buildPluginServices(built);
  (built as { delivery: DeliveryContext }).delivery = buildDeliveryContext(built, sharedIndex, {
    blobs,
    logger,
    // Locally the API is on the content origin; in AWS it has its own (API_ORIGIN).
    authority: new ApiGuardAuthority(config.apiOrigin ?? config.contentOrigin ?? ''),
  });
  registerGeneralTasks(built, registry);
  registerRepositoryTasks(built, registry);
  registerPlatformTasks(built, registry);
  registerPluginTasks(built, registry);
  return built;
}
