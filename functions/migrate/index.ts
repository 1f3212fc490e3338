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
 * Runs at deploy as a CDK trigger: applies pending migrations, writes the built-in roles and
 * default access policies, and syncs the admin user's password to its secret (`password`, and
 * during a rotation the verify-only `previous_password`).
 * A throw fails the deployment, which is what we want for a broken migration.
 */
export const handler = middy(async (): Promise<{ applied: string[] }> => {
  const env = process.env;
  const region = env.AWS_REGION ?? 'us-east-1';
  const secrets = new SecretsManagerClient(awsClientConfig(region, env.AWS_ENDPOINT_URL));
  const config = readDatabaseConfig(env);
  let password: string | undefined;
  if (config.secretArn) {
    const secret = await secretJson(secrets, config.secretArn);
    config.user = secret.username ?? config.user;
    config.host = config.host ?? secret.host;
    password = secret.password;
  }
  const db = new Database(createPool({ ...config, iamAuth: false }, region, password));
  try {
    const result = await runMigrations(db.pool, migrationSources(schemaDir(), installedPlugins));
    logger.info('Migrations applied', { applied: result.applied, alreadyApplied: result.alreadyApplied });
    const adminSecret = env.ADMIN_SECRET_NAME
      ? await secretJson(secrets, env.ADMIN_SECRET_NAME)
      : { password: env.PULP_ADMIN_PASSWORD ?? '', previous_password: env.PULP_ADMIN_PASSWORD_PREVIOUS ?? '' };
    const admin = adminSecret.password
      ? { username: adminSecret.username || 'admin', password: adminSecret.password, previous: adminSecret.previous_password || undefined }
      : undefined;
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
    secrets.destroy();
    await db.close();
  }
}).use(injectLambdaContext(logger));
