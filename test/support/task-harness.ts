import path from 'node:path';
import { runMigrations } from '../../layers/adapters/postgres/migrator';
import { createApp, type App } from '../../layers/app/app';
import type { Config, DatabaseConfig } from '../../layers/app/config';
import { migrationSources } from '../../layers/app/migration-sources';
import { installedPlugins } from '../../layers/plugins';
import { processName, useApp } from '../../functions/shared/app';
import { logger } from '../../functions/shared/powertools';
import { handler as workerHandler } from '../../functions/worker/index';
import { startSqsPoller, type SqsPoller } from '../../local/sqs-poller';
import { createTestAwsResources, type TestAwsResources } from './test-aws';
import { createTestDatabase, type TestDatabase } from './test-database';
import { registerTestTasks } from './test-task-functions';

const SCHEMA = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../schema');

export interface HarnessOptions {
  /** Task queue settings, as the CDK stack sets them (visibility, DLQ redrive). */
  queue?: { visibilityTimeoutSeconds?: number; maxReceiveCount?: number };
  /** Settings the app gets on top of the local defaults. */
  config?: Partial<Omit<Config, 'database'>>;
  /** Database settings on top of the test database's (timeouts, pool size). */
  database?: Partial<DatabaseConfig>;
  /** Reach the database through this URL instead (a proxy in front of the test database). */
  databaseUrl?: (direct: string) => string;
}

/**
 * The task system of one App without the HTTP server: a fresh database and queues, the real
 * worker handler fed by the local SQS poller (as the event source mapping would), the test
 * task functions. For tests that need settings the local stack does not expose (queue
 * visibility, retry backoff, database timeouts) or several apps on one database.
 */
export class TaskHarness {
  readonly apps: App[] = [];
  private readonly pollers: SqsPoller[] = [];

  private constructor(
    readonly db: TestDatabase,
    readonly aws: TestAwsResources,
    private readonly options: HarnessOptions,
  ) {}

  static async start(prefix: string, options: HarnessOptions = {}): Promise<TaskHarness> {
    const db = await createTestDatabase(prefix);
    const aws = await createTestAwsResources(prefix, options.queue);
    const harness = new TaskHarness(db, aws, options);
    const app = harness.app();
    await runMigrations(app.db.pool, migrationSources(SCHEMA, app.types.plugins));
    return harness;
  }

  /** The app workers use (the first); `app()` again makes another on the same database and queues. */
  get main(): App {
    return this.apps[0] ?? this.app();
  }

  app(overrides: Partial<Omit<Config, 'database'>> = {}): App {
    const config: Config = {
      region: this.aws.region,
      awsEndpoint: this.aws.endpoint,
      database: {
        url: this.options.databaseUrl ? this.options.databaseUrl(this.db.url) : this.db.url,
        port: 5432,
        database: 'pulp',
        iamAuth: false,
        poolMax: 10,
        ssl: false,
        ...this.options.database,
      },
      contentBucket: this.aws.bucket,
      storage: { backend: 's3' },
      deliveryTable: this.aws.deliveryTable,
      taskQueueUrl: this.aws.taskQueueUrl,
      taskDlqUrl: this.aws.taskDlqUrl,
      // No fetchers run here: a sync downloads in its own invocation, where these tests watch it.
      fetchMaxInFlight: 50,
      fetchPollMs: 100,
      fetchMaxReceiveCount: 5,
      localSecretKeys: [],
      artifactUrlSeconds: 3600,
      contentPathPrefix: '/pulp/content/',
      artifactUrlMode: 'cloudfront',
      maxReceiveCount: this.options.queue?.maxReceiveCount ?? 5,
      workerTtlSeconds: 30,
      workerTimeoutSeconds: 900,
      ...this.options.config,
      ...overrides,
    };
    const app = createApp(config, installedPlugins, logger, { processName });
    registerTestTasks(app.registry);
    this.apps.push(app);
    return app;
  }

  /** Worker loops on the task queue running the real worker handler with the main app. */
  startWorkers(concurrency: number): SqsPoller {
    useApp(this.main);
    const poller = startSqsPoller({
      sqs: this.main.sqs,
      queueUrl: this.aws.taskQueueUrl,
      handler: workerHandler as never,
      concurrency,
      waitTimeSeconds: 1,
      functionName: 'pulp-worker',
      timeoutMs: this.main.config.workerTimeoutSeconds * 1000,
    });
    this.pollers.push(poller);
    return poller;
  }

  async stop(): Promise<void> {
    await Promise.all(this.pollers.map((p) => p.stop()));
    await Promise.all(this.apps.map((a) => a.close()));
    await this.db.drop();
  }
}
