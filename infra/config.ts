import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Everything that differs between environments; each field has a context key of the same name. */
export interface PulpConfig {
  /** Folder holding one bundled folder per function (index.mjs + source map). */
  readonly functionsDir: string;
  /** Production mode: deletion protection, longer backups, a reader, two NAT gateways, retained data. */
  readonly production: boolean;
  readonly minAcu: number;
  readonly maxAcu: number;
  readonly natGateways: number;
  readonly logRetentionDays: number;
  readonly apiMemoryMb: number;
  readonly contentMemoryMb: number;
  readonly workerMemoryMb: number;
  readonly workerTimeoutSeconds: number;
  /** Upper bound of concurrent workers; protects Aurora connections. */
  readonly workerMaxConcurrency: number;
  readonly apiThrottleRate: number;
  readonly apiThrottleBurst: number;
  /** Oldest task message age (seconds) that pages someone. */
  readonly taskAgeAlarmSeconds: number;
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
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const defaultConfig = (production: boolean): PulpConfig => ({
  functionsDir: path.join(repoRoot, 'dist', 'functions'),
  production,
  minAcu: 0.5,
  maxAcu: production ? 16 : 4,
  natGateways: production ? 2 : 1,
  logRetentionDays: production ? 90 : 14,
  apiMemoryMb: 1024,
  contentMemoryMb: 1024,
  workerMemoryMb: 2048,
  workerTimeoutSeconds: 600,
  workerMaxConcurrency: production ? 10 : 5,
  apiThrottleRate: 200,
  apiThrottleBurst: 400,
  taskAgeAlarmSeconds: 3600,
});

/** Reads a context lookup (values given with `-c key=value` arrive as strings). */
export type ContextReader = (key: string) => unknown;

const asNumber = (key: string, value: unknown): number => {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) throw new Error(`context ${key} must be a number, got ${String(value)}`);
  return n;
};

const asBoolean = (value: unknown): boolean => value === true || value === 'true' || value === '1';

const numberKeys = [
  'minAcu', 'maxAcu', 'natGateways', 'logRetentionDays', 'apiMemoryMb', 'contentMemoryMb',
  'workerMemoryMb', 'workerTimeoutSeconds', 'workerMaxConcurrency', 'apiThrottleRate',
  'apiThrottleBurst', 'taskAgeAlarmSeconds',
] as const;
const stringKeys = ['functionsDir', 'alarmEmail', 'alarmTopicArn', 'domainName', 'certificateArn', 'signingSecretArn'] as const;

/** Builds the config from CDK context, falling back to the defaults of the chosen mode. */
export const configFromContext = (read: ContextReader): PulpConfig => {
  const production = asBoolean(read('production'));
  const config: Record<string, unknown> = { ...defaultConfig(production) };
  for (const key of numberKeys) {
    const value = read(key);
    if (value !== undefined) config[key] = asNumber(key, value);
  }
  for (const key of stringKeys) {
    const value = read(key);
    if (typeof value === 'string' && value !== '') config[key] = value;
  }
  const keys = read('artifactSigningPublicKeys');
  if (keys !== undefined && keys !== '') config.artifactSigningPublicKeys = typeof keys === 'string' ? (JSON.parse(keys) as string[]) : keys;
  return validateConfig(config as unknown as PulpConfig);
};

/** Fails synth early on combinations AWS would reject at deploy time. */
export const validateConfig = (config: PulpConfig): PulpConfig => {
  if (config.minAcu < 0 || config.maxAcu < config.minAcu || config.maxAcu > 256) {
    throw new Error(`ACU range ${config.minAcu}-${config.maxAcu} is invalid (0 <= min <= max <= 256)`);
  }
  if (config.workerTimeoutSeconds < 1 || config.workerTimeoutSeconds > 900) {
    throw new Error('workerTimeoutSeconds must be 1-900 (the Lambda limit)');
  }
  if (config.workerMaxConcurrency < 2 || config.workerMaxConcurrency > 1000) {
    throw new Error('workerMaxConcurrency must be 2-1000 (the SQS event source limit)');
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
