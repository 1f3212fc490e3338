import type { Config, StorageConfig } from '../layers/app/config';
import type { BackingServices, ResourceNames } from './backing-services';

export interface LocalConfigOptions {
  services: BackingServices;
  names: ResourceNames;
  region: string;
  /** Where clients reach this stack (the content origin of artifact URLs). */
  url: string;
  storage: StorageConfig;
  /** Syncs hand their downloads to fetchers through the download queue. */
  fanOut: boolean;
  workerTtlSeconds: number;
  workerTimeoutMs: number;
  /** Keys sealing secrets at rest, current first (PULP_SECRET_KEYS in a deployment without KMS). */
  secretKeys: Buffer[];
  artifactUrlSeconds: number;
}

/** The configuration the CDK stack would give each function, pointed at the local services. */
export function localConfig(opts: LocalConfigOptions): Config {
  return {
    region: opts.region,
    awsEndpoint: opts.services.awsEndpoint,
    database: { url: opts.services.databaseUrl, port: 5432, database: 'pulp', iamAuth: false, poolMax: Number(process.env.DB_POOL_MAX ?? 10), ssl: false },
    contentBucket: opts.names.bucket,
    storage: opts.storage,
    deliveryTable: opts.services.deliveryTable,
    taskQueueUrl: opts.services.taskQueueUrl,
    taskDlqUrl: opts.services.taskDlqUrl,
    downloadQueueUrl: opts.fanOut ? opts.services.downloadQueueUrl : undefined,
    contentOrigin: opts.url,
    contentPathPrefix: '/pulp/content/',
    artifactUrlMode: 'cloudfront',
    // Loopback fetchers answer in milliseconds: a sync need not wait a second between looks.
    fetchMaxInFlight: 50,
    fetchPollMs: 100,
    fetchMaxReceiveCount: 5,
    maxReceiveCount: 5,
    workerTtlSeconds: opts.workerTtlSeconds,
    workerTimeoutSeconds: Math.ceil(opts.workerTimeoutMs / 1000),
    localSecretKeys: opts.secretKeys.map((k) => k.toString('base64')),
    artifactUrlSeconds: opts.artifactUrlSeconds,
  };
}
