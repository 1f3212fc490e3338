import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `lean` idles for a few dollars a month (no NAT, no RDS Proxy, Aurora pauses at 0 ACU);
 * `production` keeps RDS Proxy, a reader in a second AZ, NAT, retained data.
 */
export type Profile = 'lean' | 'production';
export const PROFILES: readonly Profile[] = ['lean', 'production'];

/**
 * Everything that differs between deployments. Each field but profile, production and rdsProxy
 * (which follow the profile) has a context key of the same name.
 */
export interface PulpConfig {
  /** Folder holding one bundled folder per function (index.mjs + source map). */
  readonly functionsDir: string;
  readonly profile: Profile;
  /** Shorthand for profile === 'production': retained data, deletion protection, longer backups. */
  readonly production: boolean;
  /** Aurora Serverless v2 capacity range; 0 lets the writer pause when nothing is connected. */
  readonly minAcu: number;
  readonly maxAcu: number;
  /** Idle seconds before a 0-ACU writer pauses (300-86,400). */
  readonly autoPauseSeconds: number;
  /** NAT gateways: an internet route for functions in the VPC (upstream fetches); 0 = none. */
  readonly natGateways: number;
  /** Availability zones that get an ENI of each interface endpoint (each costs $0.01/h). */
  readonly endpointAzs: number;
  /** RDS Proxy between the functions and Aurora (production); lean connects directly with IAM tokens. */
  readonly rdsProxy: boolean;
  readonly logRetentionDays: number;
  readonly apiMemoryMb: number;
  readonly contentMemoryMb: number;
  readonly workerMemoryMb: number;
  readonly workerTimeoutSeconds: number;
  /** Upper bound of concurrent workers; protects Aurora connections. */
  readonly workerMaxConcurrency: number;
  /** Reserved concurrency of the content function: a flood of cache misses stops here. */
  readonly contentMaxConcurrency: number;
  /** The most fetcher environments at once (upstream downloads outside the VPC). */
  readonly fetcherMaxConcurrency: number;
  readonly apiThrottleRate: number;
  readonly apiThrottleBurst: number;
  /** Oldest task message age (seconds) that pages someone. */
  readonly taskAgeAlarmSeconds: number;
  /** Minutes between canary probes. */
  readonly canaryIntervalMinutes: number;
  /** Opt-in WAF rule on the distribution: requests per 5 minutes one IP may make. */
  readonly wafRateLimit?: number;
  readonly alarmEmail?: string;
  /** Use an existing SNS topic for alarm actions instead of creating one. */
  readonly alarmTopicArn?: string;
  /** Custom domain for the content distribution; needs certificateArn (ACM, us-east-1). */
  readonly domainName?: string;
  readonly certificateArn?: string;
  /** PEM public keys CloudFront trusts for signed /artifacts/* URLs (JSON list); needs signingSecretArn. */
  readonly artifactSigningPublicKeys?: string[];
  /** Secrets Manager secret with the signing keys the content and API functions sign with. */
  readonly signingSecretArn?: string;
  /**
   * How remote passwords and keys are sealed in Postgres: `kms` (envelope encryption with a
   * KMS key; the VPC then needs a KMS endpoint) or `deploymentKey` (AES with a key derived
   * from a generated secret, handed to the functions at deploy; no endpoint).
   */
  readonly secretsAtRest: SecretsAtRest;
}

export const SECRETS_AT_REST = ['kms', 'deploymentKey'] as const;
export type SecretsAtRest = (typeof SECRETS_AT_REST)[number];

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const defaultConfig = (profile: Profile): PulpConfig => {
  const production = profile === 'production';
  return {
    functionsDir: path.join(repoRoot, 'dist', 'functions'),
    profile,
    production,
    minAcu: production ? 0.5 : 0,
    maxAcu: production ? 16 : 4,
    autoPauseSeconds: 600,
    // Upstream fetches run outside the VPC (fetchers, content): no profile needs a NAT gateway.
    natGateways: 0,
    endpointAzs: production ? 2 : 1,
    rdsProxy: production,
    logRetentionDays: production ? 90 : 14,
    apiMemoryMb: 1024,
    contentMemoryMb: 1024,
    workerMemoryMb: 2048,
    workerTimeoutSeconds: 600,
    workerMaxConcurrency: production ? 10 : 5,
    contentMaxConcurrency: production ? 100 : 10,
    fetcherMaxConcurrency: production ? 50 : 10,
    apiThrottleRate: 200,
    apiThrottleBurst: 400,
    taskAgeAlarmSeconds: 3600,
    canaryIntervalMinutes: production ? 5 : 60,
    // A KMS endpoint costs $7.30 per AZ-month: lean keeps its idle cost down without one.
    secretsAtRest: production ? 'kms' : 'deploymentKey',
  };
};

/** Reads a context lookup (values given with `-c key=value` arrive as strings). */
export type ContextReader = (key: string) => unknown;

const asNumber = (key: string, value: unknown): number => {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) throw new Error(`context ${key} must be a number, got ${String(value)}`);
  return n;
};

const asBoolean = (value: unknown): boolean => value === true || value === 'true' || value === '1';

const numberKeys = [
  'minAcu', 'maxAcu', 'autoPauseSeconds', 'natGateways', 'endpointAzs', 'logRetentionDays', 'apiMemoryMb',
  'contentMemoryMb', 'workerMemoryMb', 'workerTimeoutSeconds', 'workerMaxConcurrency', 'contentMaxConcurrency', 'fetcherMaxConcurrency',
  'apiThrottleRate', 'apiThrottleBurst', 'taskAgeAlarmSeconds', 'canaryIntervalMinutes', 'wafRateLimit',
] as const;
const stringKeys = ['functionsDir', 'alarmEmail', 'alarmTopicArn', 'domainName', 'certificateArn', 'signingSecretArn'] as const;

/** `-c profile=lean|production`; `-c production=true` is an alias for the production profile. */
export const profileFromContext = (read: ContextReader): Profile => {
  const named = read('profile');
  const alias = read('production');
  if (named !== undefined && !PROFILES.includes(named as Profile)) {
    throw new Error(`context profile must be one of ${PROFILES.join(', ')}, got ${String(named)}`);
  }
  if (alias !== undefined && named !== undefined && asBoolean(alias) !== (named === 'production')) {
    throw new Error(`context production=${String(alias)} contradicts profile=${String(named)}`);
  }
  return (named as Profile | undefined) ?? (asBoolean(alias) ? 'production' : 'lean');
};

/** Builds the config from CDK context, falling back to the defaults of the chosen profile. */
export const configFromContext = (read: ContextReader): PulpConfig => {
  const config: Record<string, unknown> = { ...defaultConfig(profileFromContext(read)) };
  for (const key of numberKeys) {
    const value = read(key);
    if (value !== undefined) config[key] = asNumber(key, value);
  }
  for (const key of stringKeys) {
    const value = read(key);
    if (typeof value === 'string' && value !== '') config[key] = value;
  }
  const sealing = read('secretsAtRest');
  if (sealing !== undefined && sealing !== '') {
    if (!SECRETS_AT_REST.includes(sealing as SecretsAtRest)) throw new Error(`context secretsAtRest must be one of ${SECRETS_AT_REST.join(', ')}, got ${String(sealing)}`);
    config.secretsAtRest = sealing;
  }
  const keys = read('artifactSigningPublicKeys');
  if (keys !== undefined && keys !== '') config.artifactSigningPublicKeys = typeof keys === 'string' ? (JSON.parse(keys) as string[]) : keys;
  return validateConfig(config as unknown as PulpConfig);
};

/** AWS keeps 100 executions of the default 1,000 unreserved; reservations must fit in the rest. */
export const MAX_RESERVED_CONCURRENCY = 900;

/** Fails synth early on combinations AWS would reject at deploy time. */
export const validateConfig = (config: PulpConfig): PulpConfig => {
  if (config.minAcu < 0 || config.maxAcu < config.minAcu || config.maxAcu > 256 || config.maxAcu < 1) {
    throw new Error(`ACU range ${config.minAcu}-${config.maxAcu} is invalid (0 <= min <= max <= 256, max >= 1)`);
  }
  if (config.autoPauseSeconds < 300 || config.autoPauseSeconds > 86_400) {
    throw new Error('autoPauseSeconds must be 300-86400 (the Aurora limits)');
  }
  if (config.workerTimeoutSeconds < 1 || config.workerTimeoutSeconds > 900) {
    throw new Error('workerTimeoutSeconds must be 1-900 (the Lambda limit)');
  }
  if (config.workerMaxConcurrency < 2 || config.workerMaxConcurrency > 1000) {
    throw new Error('workerMaxConcurrency must be 2-1000 (the SQS event source limit)');
  }
  if (config.contentMaxConcurrency < 1) throw new Error('contentMaxConcurrency must be at least 1');
  if (config.workerMaxConcurrency + config.contentMaxConcurrency > MAX_RESERVED_CONCURRENCY) {
    throw new Error(
      `workerMaxConcurrency + contentMaxConcurrency must stay <= ${MAX_RESERVED_CONCURRENCY} (Lambda keeps 100 of the default 1,000 unreserved)`,
    );
  }
  if (config.endpointAzs < 1 || config.endpointAzs > 2) throw new Error('endpointAzs must be 1 or 2');
  if (config.natGateways < 0 || config.natGateways > 2) throw new Error('natGateways must be 0-2');
  if (![1, 5, 10, 15, 30, 60].includes(config.canaryIntervalMinutes)) {
    throw new Error('canaryIntervalMinutes must be 1, 5, 10, 15, 30 or 60');
  }
  if (config.wafRateLimit !== undefined && (config.wafRateLimit < 10 || config.wafRateLimit > 2_000_000_000)) {
    throw new Error('wafRateLimit must be 10-2000000000 requests per 5 minutes (the WAF limits)');
  }
  if ((config.domainName === undefined) !== (config.certificateArn === undefined)) {
    throw new Error('domainName and certificateArn go together');
  }
  // CloudFront would refuse every unsigned artifact URL, and the functions could sign none.
  if (config.artifactSigningPublicKeys?.length && !config.signingSecretArn) {
    throw new Error('artifactSigningPublicKeys needs signingSecretArn (the private keys the functions sign with)');
  }
  return config;
};
