/** Process configuration, read once from the environment. */
export interface DatabaseConfig {
  /** A full URL (local, tests) ... */
  url?: string;
  /** ... or discrete settings (Lambda behind RDS Proxy). */
  host?: string;
  port: number;
  database: string;
  user?: string;
  /** Sign a fresh IAM token per connection (RDS Proxy with IAM auth). */
  iamAuth: boolean;
  /** Secrets Manager secret holding {username, password} (the migrate function). */
  secretArn?: string;
  poolMax: number;
  ssl: boolean;
  /** Longest one statement may take; a transaction may take twice this. */
  queryTimeoutMs?: number;
  /** Longest to wait for a connection (a free pool slot, or a new one). */
  connectTimeoutMs?: number;
}

/**
 * `s3`: the content bucket (AWS, and the test stack on the emulator). `fs`: files under a
 * directory (the embedded default, Pulp's own default), served by the local `/artifacts/` route.
 */
export type StorageConfig = { backend: 's3' } | { backend: 'fs'; dir: string };

export interface Config {
  region: string;
  /** An AWS emulator (moto, LocalStack); path-style S3 and test credentials then. */
  awsEndpoint?: string;
  database: DatabaseConfig;
  contentBucket: string;
  /** Where artifacts and published metadata live. */
  storage: StorageConfig;
  /** The DynamoDB table of the delivery index (what the content app reads instead of Postgres). */
  deliveryTable: string;
  taskQueueUrl: string;
  taskDlqUrl?: string;
  /** The download queue fetchers consume; without it a sync downloads in its own invocation. */
  downloadQueueUrl?: string;
  /** The most downloads one sync has at once through fetchers (jobs in flight), whatever its remote's download_concurrency. */
  fetchMaxInFlight: number;
  /** How often a sync waiting on fetchers looks for their results, in ms. */
  fetchPollMs: number;
  /** Deliveries of a download message before its failure is final (the download DLQ's maxReceiveCount). */
  fetchMaxReceiveCount: number;
  /** Scheme and host clients use to reach content, e.g. https://d123.cloudfront.net. */
  contentOrigin?: string;
  /** Scheme and host clients use to reach the API (and package indexes), when not the content origin. */
  apiOrigin?: string;
  contentPathPrefix: string;
  /** `cloudfront`: redirect to `${origin}/artifacts/...`; `presign`: a presigned S3 URL. */
  artifactUrlMode: 'cloudfront' | 'presign';
  /** How many receives before a task message counts as poison (matches the DLQ's maxReceiveCount). */
  maxReceiveCount: number;
  /** After a failed delivery the message comes back after this, doubling per receive (default 10 s). */
  taskRetryBaseSeconds?: number;
  workerTtlSeconds: number;
  /** The worker Lambda's timeout: tasks checkpoint before it. */
  workerTimeoutSeconds: number;
  /** Secrets Manager secret with the signing keys (a SigningDocument), re-read every few minutes. */
  signingSecretArn?: string;
  /** The KMS key that seals secrets at rest (envelope encryption); else the local keys. */
  secretsKmsKeyId?: string;
  /** Local secret keys (base64, current first): `PULP_SECRET_KEYS` for processes without KMS. */
  localSecretKeys: string[];
  /**
   * The deployment's generated key (`PULP_DEPLOYMENT_KEY`, from a Secrets Manager secret the
   * stack makes): what seals secrets without KMS and signs content_redirect URLs without a
   * signing secret, the same in every function.
   */
  deploymentKey?: string;
  /** How long a signed artifact URL stays valid. */
  artifactUrlSeconds: number;
  /**
   * How long an API request may spend before it is answered 503 (default 15 s). A deployment
   * whose Aurora pauses gives the first request after a pause room to wait for the resume.
   */
  requestBudgetMs?: number;
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number.parseInt(raw, 10);
  if (!Number.isFinite(value)) throw new Error(`${name} must be an integer, got "${raw}"`);
  return value;
}

/** The database settings alone: the migrate function needs nothing else. */
export function readDatabaseConfig(env: Env = process.env): DatabaseConfig {
  return {
    url: env.DATABASE_URL || undefined,
    host: env.DB_HOST,
    port: int(env, 'DB_PORT', 5432),
    database: env.DB_NAME ?? 'pulp',
    user: env.DB_USER,
    iamAuth: env.DB_IAM_AUTH === '1' || env.DB_IAM_AUTH === 'true',
    secretArn: env.DB_SECRET_ARN,
    // Lambda runs one request at a time per environment: one connection.
    poolMax: int(env, 'DB_POOL_MAX', 1),
    queryTimeoutMs: int(env, 'DB_QUERY_TIMEOUT_MS', 60_000),
    connectTimeoutMs: int(env, 'DB_CONNECT_TIMEOUT_MS', 10_000),
    ssl: env.DB_SSL === '1' || env.DB_SSL === 'true' || Boolean(env.DB_HOST && !env.DATABASE_URL),
  };
}

export function readConfig(env: Env = process.env): Config {
  const mode = env.ARTIFACT_URL_MODE ?? 'cloudfront';
  if (mode !== 'cloudfront' && mode !== 'presign') {
    throw new Error(`ARTIFACT_URL_MODE must be cloudfront or presign, got "${mode}"`);
  }
  return {
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    awsEndpoint: env.AWS_ENDPOINT_URL || undefined,
    database: readDatabaseConfig(env),
    // Not every function gets every resource (the content function sends no tasks, the
    // sweeper stores nothing): the adapters refuse to run without theirs, at first use.
    contentBucket: env.CONTENT_BUCKET ?? '',
    storage: readStorageConfig(env),
    deliveryTable: env.DELIVERY_TABLE ?? '',
    taskQueueUrl: env.TASK_QUEUE_URL ?? '',
    taskDlqUrl: env.TASK_DLQ_URL,
    downloadQueueUrl: env.DOWNLOAD_QUEUE_URL || undefined,
    fetchMaxInFlight: int(env, 'FETCH_MAX_IN_FLIGHT', 50),
    fetchPollMs: int(env, 'FETCH_POLL_MS', 1000),
    fetchMaxReceiveCount: int(env, 'FETCH_MAX_RECEIVE_COUNT', 5),
    contentOrigin: env.CONTENT_ORIGIN?.replace(/\/$/, ''),
    apiOrigin: env.API_ORIGIN?.replace(/\/$/, '') || undefined,
    contentPathPrefix: '/pulp/content/',
    artifactUrlMode: mode,
    maxReceiveCount: int(env, 'TASK_MAX_RECEIVE_COUNT', 5),
    taskRetryBaseSeconds: int(env, 'TASK_RETRY_BASE_SECONDS', 10),
    workerTtlSeconds: int(env, 'WORKER_TTL_SECONDS', 30),
    workerTimeoutSeconds: int(env, 'WORKER_TIMEOUT_SECONDS', 900),
    signingSecretArn: env.SIGNING_SECRET_ARN || undefined,
    secretsKmsKeyId: env.SECRETS_KMS_KEY_ID || undefined,
    localSecretKeys: (env.PULP_SECRET_KEYS ?? '').split(',').map((k) => k.trim()).filter(Boolean),
    deploymentKey: env.PULP_DEPLOYMENT_KEY || undefined,
    requestBudgetMs: env.REQUEST_BUDGET_MS ? int(env, 'REQUEST_BUDGET_MS', 15_000) : undefined,
    artifactUrlSeconds: int(env, 'ARTIFACT_URL_SECONDS', 3600),
  };
}

function readStorageConfig(env: Env): StorageConfig {
  const backend = env.STORAGE_BACKEND || 's3';
  if (backend === 's3') return { backend };
  if (backend !== 'fs') throw new Error(`STORAGE_BACKEND must be s3 or fs, got "${backend}"`);
  if (!env.STORAGE_DIR) throw new Error('STORAGE_BACKEND=fs needs STORAGE_DIR');
  return { backend, dir: env.STORAGE_DIR };
}
