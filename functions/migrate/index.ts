import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { awsClientConfig } from '../../layers/adapters/aws-client-config';
import { createPool } from '../../layers/adapters/postgres/pool';
import { Database } from '../../layers/adapters/postgres/database';
import { runMigrations } from '../../layers/adapters/postgres/migrator';
import { bootstrapAccess } from '../../layers/app/access';
import { createApp } from '../../layers/app/app';
import { readConfig, readDatabaseConfig } from '../../layers/app/config';
import { migrationSources } from '../../layers/app/migration-sources';
import { InstalledTypes } from '../../layers/plugin-api/installed-types';
import { installedPlugins } from '../../layers/plugins';
import { logger } from '../shared/powertools';
import { ensureAppRole } from './app-role';
import { resolveCredentials } from './credentials';
import { asRetryable } from './database-errors';
import type { MigrateEvent } from './migrate-event';

export { launch } from './launch';

/** The bundle carries schema/ beside it; from source, it is the repository's schema/. */
function schemaDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const bundled = path.join(here, 'schema');
  return process.env.SCHEMA_DIR ?? (existsSync(bundled) ? bundled : path.join(here, '..', '..', 'schema'));
}

async function secretJson(client: SecretsManagerClient, id: string): Promise<Record<string, string>> {
  const out = await client.send(new GetSecretValueCommand({ SecretId: id }));
  const text = out.SecretString ?? '';
  try {
    return JSON.parse(text) as Record<string, string>;
  } catch {
    return { password: text };
  }
}

/**
 * Applies pending migrations, creates the app role (APP_DB_USER), writes the built-in roles and
 * default access policies, and syncs the admin user's password to its secret (`password`, and
 * during a rotation the verify-only `previous_password`). In AWS the launcher invokes it with
 * the secrets (see launch.ts); locally it reads the environment. A connection that fails in a
 * way worth retrying is re-thrown under a type the launcher knows; any other throw fails the
 * deployment, which is what we want for a broken migration.
 */
export const handler = middy(async (event: MigrateEvent | null): Promise<{ applied: string[] }> => {
  const env = process.env;
  const region = env.AWS_REGION ?? 'us-east-1';
  let client: SecretsManagerClient | undefined;
  const secrets = (): SecretsManagerClient =>
    (client ??= new SecretsManagerClient(awsClientConfig(region, env.AWS_ENDPOINT_URL)));
  const config = readDatabaseConfig(env);
  const { user, password, admin } = await resolveCredentials(event ?? {}, env, (id) => secretJson(secrets(), id));
  if (user) config.user = user;
  const db = new Database(createPool({ ...config, iamAuth: false }, region, password));
  try {
    const result = await runMigrations(db.pool, migrationSources(schemaDir(), installedPlugins)).catch((err: unknown) => {
      throw asRetryable(err);
    });
    logger.info('Migrations applied', { applied: result.applied, alreadyApplied: result.alreadyApplied });
    if (env.APP_DB_USER) {
      await ensureAppRole(db.pool, env.APP_DB_USER);
      logger.info('App role ready', { role: env.APP_DB_USER });
    }
    const access = await bootstrapAccess(db, new InstalledTypes(installedPlugins), admin);
    logger.info('Access control synced', access);
    // After a move to a new key for secrets at rest, what the old one sealed is re-encrypted.
    if (env.SECRETS_KMS_KEY_ID || env.PULP_SECRET_KEYS) {
      const app = createApp(readConfig(env), installedPlugins, logger, { pool: db.pool });
      const resealed = await app.data.remotes.reseal();
      if (resealed) logger.info('Re-encrypted remote secrets under the current key', { remotes: resealed });
    }
    return { applied: result.applied };
  } finally {
    client?.destroy();
    await db.close();
  }
}).use(injectLambdaContext(logger));
