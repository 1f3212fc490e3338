import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { createApp, type App } from '../layers/app/app';
import type { Config } from '../layers/app/config';
import { runMaintenance } from '../layers/app/maintenance';
import type { SigningDocument } from '../layers/core/signing/signing-material';
import type { Heartbeat } from '../layers/core/workers/heartbeat';
import type { PluginDefinition } from '../layers/plugin-api';
import { installedPlugins } from '../layers/plugins';
import { processName, useApp } from '../functions/shared/app';
import { logger } from '../functions/shared/powertools';
import { handler as apiHandler } from '../functions/api/index';
import { handler as contentHandler } from '../functions/content/index';
import { handler as workerHandler } from '../functions/worker/index';
import { handler as fetcherHandler } from '../functions/fetcher/index';
import { sweepOptions } from '../functions/sweeper/options';
import { artifactsHandler, STORAGE_ROUTE_PREFIXES } from './artifacts-handler';
import { startLambdaHttpServer, type HttpLambdaHandler } from './lambda-http-server';
import { startSqsPoller } from './sqs-poller';
import { within } from './within';

/** The fetcher function's timeout in the stack (infra/pulp-stack.ts). */
const FETCHER_TIMEOUT_MS = 300_000;

export interface AppRuntimeOptions {
  config: Config;
  /** The content plugins (default: every installed plugin). */
  plugins?: readonly PluginDefinition[];
  /** Serve the API, content and storage routes here (an API process). */
  http?: { host: string; port: number };
  /** Task worker loops (SQS poller concurrency); 0 runs no workers. */
  workers: number;
  /** Fetcher loops on the download queue (the fetcher function's event source mapping); default 0. */
  fetchers?: number;
  /** The timeout each fetcher invocation gets; default the deployed function's 300 s. */
  fetcherTimeoutMs?: number;
  /** Run the sweeper (maintenance) every this many ms; undefined runs none. */
  sweepIntervalMs?: number;
  /**
   * On stop, how long in-flight requests and tasks may take to finish before the process
   * goes on stopping without them (a task cut off is failed by the sweeper later).
   */
  stopGraceMs?: number;
  /** Keys artifact URLs and content_redirect URLs are signed with (the same in every process). */
  signing?: SigningDocument;
  log: (msg: string) => void;
}

export interface AppRuntime {
  /** The HTTP server's URL, when serving. */
  url?: string;
  app: App;
  stop(): Promise<void>;
}

const DEFAULT_STOP_GRACE_MS = 30_000;

/**
 * One process's share of the embedded default: the real Lambda handlers behind a local HTTP
 * server (as API Gateway and the Function URL would call them) and/or fed from SQS (as the
 * event source mapping would), the sweeper on a timer, and this process's heartbeats.
 */
export async function startAppRuntime(opts: AppRuntimeOptions): Promise<AppRuntime> {
  const { config, log } = opts;
  const grace = opts.stopGraceMs ?? DEFAULT_STOP_GRACE_MS;
  const app = createApp(config, opts.plugins ?? installedPlugins, logger, { processName, signing: opts.signing });
  useApp(app);

  // A long-lived process beats on a timer (a Lambda environment beats when invoked) and
  // removes its records on stop. A failed beat or removal only makes status/ stale for a
  // while: the next beat, or the sweeper, puts it right.
  const heartbeats: Heartbeat[] = [];
  const beatAll = () => heartbeats.forEach((h) => void h.beat(true).catch(() => undefined));
  let beatTimer: NodeJS.Timeout | undefined;

  let server: Awaited<ReturnType<typeof startLambdaHttpServer>> | undefined;
  let poller: ReturnType<typeof startSqsPoller> | undefined;
  let fetcherPoller: ReturnType<typeof startSqsPoller> | undefined;
  let sweepTimer: NodeJS.Timeout | undefined;
  let sweeping: Promise<unknown> = Promise.resolve();

  const stop = async (): Promise<void> => {
    // Stop taking work: no new connections, no new receives, no new sweeps.
    clearInterval(sweepTimer);
    const draining = [
      server ? server.close() : Promise.resolve(),
      poller ? poller.stop() : Promise.resolve(),
      fetcherPoller ? fetcherPoller.stop() : Promise.resolve(),
      sweeping,
    ];
    if (!(await within(Promise.all(draining), grace))) {
      log(`in-flight work did not finish within ${grace} ms; stopping without it`);
      server?.closeAll();
    }
    clearInterval(beatTimer);
    await within(Promise.all(heartbeats.map((h) => app.workers.remove(h.name).catch(() => undefined))), 5_000);
    // The pool waits for connections still lent to cut-off work; do not wait for it forever.
    if (!(await within(app.close(), 5_000))) log('database connections did not close in time');
  };

  try {
    if (opts.http) heartbeats.push(app.heartbeat('api'), app.heartbeat('content'));
    if (opts.workers > 0) heartbeats.push(app.heartbeat('worker'));
    await Promise.all(heartbeats.map((h) => h.beat(true)));
    beatTimer = setInterval(beatAll, (config.workerTtlSeconds * 1000) / 3);

    if (opts.http) {
      const asHttp = (h: unknown): HttpLambdaHandler => h as (e: APIGatewayProxyEventV2) => Promise<APIGatewayProxyResultV2>;
      const storage = artifactsHandler(app);
      server = await startLambdaHttpServer({
        host: opts.http.host,
        port: opts.http.port,
        routes: [
          { prefix: '/pulp/api/v3/', handler: asHttp(apiHandler), functionName: 'pulp-api' },
          // Package indexes (`/pypi/<base_path>/simple/`, twine's `legacy/`) are API routes, as behind API Gateway.
          { prefix: '/pypi/', handler: asHttp(apiHandler), functionName: 'pulp-api' },
          { prefix: '/pulp/content/', handler: asHttp(contentHandler), functionName: 'pulp-content', decodePath: false },
          ...STORAGE_ROUTE_PREFIXES.map((prefix) => ({ prefix, handler: storage, functionName: 'storage-origin', decodePath: false })),
        ],
        log,
      });
    }

    if (opts.sweepIntervalMs !== undefined) {
      sweepTimer = setInterval(() => {
        sweeping = runMaintenance(app, sweepOptions(config.workerTtlSeconds), { reconcileEveryMinutes: 15 }).catch((err: unknown) =>
          log(`sweep failed: ${String(err)}`),
        );
      }, opts.sweepIntervalMs);
    }

    // Fetchers, as the fetcher function's event source mapping runs them (outside the VPC in AWS).
    if ((opts.fetchers ?? 0) > 0 && config.downloadQueueUrl) {
      fetcherPoller = startSqsPoller({
        sqs: app.sqs,
        queueUrl: config.downloadQueueUrl,
        handler: fetcherHandler as never,
        concurrency: opts.fetchers ?? 0,
        // A standard queue: batches of ten, fetched side by side, as the event source mapping does.
        batchSize: 10,
        functionName: 'pulp-fetcher',
        timeoutMs: opts.fetcherTimeoutMs ?? FETCHER_TIMEOUT_MS,
        log,
      });
    }

    if (opts.workers > 0) {
      poller = startSqsPoller({
        sqs: app.sqs,
        queueUrl: config.taskQueueUrl,
        handler: workerHandler as never,
        concurrency: opts.workers,
        // Short polls: an emulator's long poll can spin (see SqsPollerOptions.waitTimeSeconds).
        waitTimeSeconds: 0,
        functionName: 'pulp-worker',
        timeoutMs: config.workerTimeoutSeconds * 1000,
        log,
      });
    }
    return { url: server?.url, app, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
