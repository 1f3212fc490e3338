import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { awsClientConfig } from '../../layers/adapters/aws-client-config';
import { logger } from '../shared/powertools';
import { RETRYABLE_ERROR_TYPES } from './database-errors';
import { adminFromSecret } from './credentials';
import type { MigrateEvent } from './migrate-event';

/** What one invocation of the migrator answered. */
export type InvokeOutcome =
  | { ok: true; result: unknown }
  | { ok: false; errorType: string; errorMessage: string };

export interface LaunchDeps {
  readSecret(id: string): Promise<Record<string, string>>;
  invoke(event: MigrateEvent): Promise<InvokeOutcome>;
  sleep(ms: number): Promise<void>;
  log(message: string, details: Record<string, unknown>): void;
}

export interface LaunchSettings {
  readonly dbSecretId: string;
  readonly adminSecretId?: string;
  /** Waits before each retry; their count is the number of retries. */
  readonly retryDelaysMs: readonly number[];
}

/** Enough for a rotation in flight to finish and for a paused cluster to resume. */
export const RETRY_DELAYS_MS = [5_000, 15_000, 30_000, 60_000] as const;

const RETRYABLE = new Set(Object.values(RETRYABLE_ERROR_TYPES));

/**
 * Reads the secrets and hands them to the migrator. The master secret is read again before
 * each attempt: an auth failure means it was rotated after the last read.
 */
export async function launchMigration(deps: LaunchDeps, settings: LaunchSettings): Promise<unknown> {
  const admin = settings.adminSecretId ? await deps.readSecret(settings.adminSecretId) : undefined;
  for (let attempt = 0; ; attempt++) {
    const master = await deps.readSecret(settings.dbSecretId);
    const outcome = await deps.invoke({
      credentials: { username: master.username ?? '', password: master.password ?? '' },
      admin: admin ? adminFromSecret(admin) : undefined,
    });
    if (outcome.ok) return outcome.result;
    const delay = settings.retryDelaysMs[attempt];
    if (!RETRYABLE.has(outcome.errorType) || delay === undefined) {
      throw new Error(`Migration failed (${outcome.errorType}): ${outcome.errorMessage}`);
    }
    deps.log('Migration attempt failed; retrying', { attempt: attempt + 1, errorType: outcome.errorType, delayMs: delay });
    await deps.sleep(delay);
  }
}

async function readSecretJson(client: SecretsManagerClient, id: string): Promise<Record<string, string>> {
  const out = await client.send(new GetSecretValueCommand({ SecretId: id }));
  return JSON.parse(out.SecretString ?? '{}') as Record<string, string>;
}

async function invokeMigrator(client: LambdaClient, functionName: string, event: MigrateEvent): Promise<InvokeOutcome> {
  const out = await client.send(
    new InvokeCommand({ FunctionName: functionName, InvocationType: 'RequestResponse', Payload: JSON.stringify(event) }),
  );
  const payload = out.Payload ? JSON.parse(Buffer.from(out.Payload).toString('utf8')) : null;
  if (!out.FunctionError) return { ok: true, result: payload };
  const error = (payload ?? {}) as { errorType?: string; errorMessage?: string };
  return { ok: false, errorType: error.errorType ?? out.FunctionError, errorMessage: error.errorMessage ?? 'no message' };
}

/**
 * The deploy trigger: runs outside the VPC, where Secrets Manager is reachable, and invokes
 * the migrator inside it with the passwords. A throw fails the deployment.
 */
export const launch = async (): Promise<unknown> => {
  const env = process.env;
  const region = env.AWS_REGION ?? 'us-east-1';
  const config = awsClientConfig(region, env.AWS_ENDPOINT_URL);
  const secrets = new SecretsManagerClient(config);
  // The migrator may run for minutes; the SDK must not give up on the open request first.
  const lambda = new LambdaClient({ ...config, requestHandler: { requestTimeout: 15 * 60_000 } });
  try {
    return await launchMigration(
      {
        readSecret: (id) => readSecretJson(secrets, id),
        invoke: (event) => invokeMigrator(lambda, env.MIGRATE_FUNCTION_NAME ?? '', event),
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        log: (message, details) => logger.warn(message, details),
      },
      { dbSecretId: env.DB_SECRET_ARN ?? '', adminSecretId: env.ADMIN_SECRET_ARN, retryDelaysMs: RETRY_DELAYS_MS },
    );
  } finally {
    secrets.destroy();
    lambda.destroy();
  }
};
