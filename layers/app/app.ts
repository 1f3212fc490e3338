import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Pool } from 'pg';
import { awsClientConfig } from '../adapters/aws-client-config';
import { Database } from '../adapters/postgres/database';
import { createPool } from '../adapters/postgres/pool';
import { PgTaskGroupStore } from '../adapters/postgres/task-group-store';
import { PgTaskStore } from '../adapters/postgres/task-store';
import { PgUserStore } from '../adapters/postgres/user-store';
import { PgWorkerRegistry } from '../adapters/postgres/worker-registry';
import { SqsTaskQueue } from '../adapters/sqs/sqs-task-queue';
import { Authenticator } from '../core/auth/authenticator';
import type { Logger } from '../core/logger';
import { StatusService } from '../core/status/status-service';
import type { BlobStore } from '../core/storage/blob-store';
import { TaskDispatcher } from '../core/tasks/dispatcher';
import { PURGE_TASK, purgeTask } from '../core/tasks/purge-task';
import type { TaskGroupStore } from '../core/tasks/task-group';
import type { TaskQueue } from '../core/tasks/task-queue';
import { TaskRegistry } from '../core/tasks/task-registry';
import { TaskCanceller } from '../core/tasks/task-canceller';
import { TaskRunner } from '../core/tasks/task-runner';
import { TaskSweeper } from '../core/tasks/task-sweeper';
import type { TaskStore } from '../core/tasks/task-store';
import type { WorkerRegistry } from '../core/workers/worker-registry';
import { blobStoreFor } from './blob-store-for';
import type { Config } from './config';

/** Everything a handler needs, built once per process from configuration. */
export interface App {
  readonly config: Config;
  readonly logger: Logger;
  readonly db: Database;
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  readonly blobs: BlobStore;
  readonly taskStore: TaskStore;
  readonly taskGroups: TaskGroupStore;
  readonly taskQueue: TaskQueue;
  readonly registry: TaskRegistry;
  readonly dispatcher: TaskDispatcher;
  readonly runner: TaskRunner;
  readonly canceller: TaskCanceller;
  readonly sweeper: TaskSweeper;
  readonly workers: WorkerRegistry;
  readonly auth: Authenticator;
  readonly status: StatusService;
  close(): Promise<void>;
}

export interface AppOverrides {
  pool?: Pool;
  /** The database password when not in the URL and not IAM (the migrate function). */
  databasePassword?: string;
}

export function createApp(config: Config, logger: Logger, overrides: AppOverrides = {}): App {
  const aws = awsClientConfig(config.region, config.awsEndpoint);
  const db = new Database(overrides.pool ?? createPool(config.database, config.region, overrides.databasePassword));
  const s3 = new S3Client(aws);
  const sqs = new SQSClient(aws);
  const taskStore = new PgTaskStore(db);
  const taskQueue = new SqsTaskQueue(sqs, config.taskQueueUrl);
  const registry = new TaskRegistry().register(PURGE_TASK, purgeTask(taskStore));
  const workers = new PgWorkerRegistry(db);
  const dispatcher = new TaskDispatcher(taskStore, taskQueue);
  const runner = new TaskRunner(taskStore, taskQueue, registry, { maxReceiveCount: config.maxReceiveCount, logger });
  dispatcher.useRunner(runner);
  runner.useDispatcher((request) => dispatcher.dispatch(request));
  return {
    config,
    logger,
    db,
    s3,
    sqs,
    blobs: blobStoreFor(config, s3),
    taskStore,
    taskGroups: new PgTaskGroupStore(db),
    taskQueue,
    registry,
    dispatcher,
    runner,
    canceller: new TaskCanceller(taskStore, runner),
    sweeper: new TaskSweeper(taskStore, taskQueue, runner, workers, logger),
    workers,
    auth: new Authenticator(new PgUserStore(db)),
    status: new StatusService({
      workers,
      databaseConnected: () => db.ping(),
      contentOrigin: config.contentOrigin ?? null,
      contentPathPrefix: config.contentPathPrefix,
      ttlSeconds: config.workerTtlSeconds,
    }),
    async close() {
      s3.destroy();
      sqs.destroy();
      await db.close();
    },
  };
}
