import path from 'node:path';
import { FsBlobStore } from '../layers/adapters/fs/fs-blob-store';
import { runMigrations } from '../layers/adapters/postgres/migrator';
import { createApp } from '../layers/app/app';
import type { Config } from '../layers/app/config';
import { logger } from '../functions/shared/powertools';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
/** A staging file this old belongs to no write still going on. */
const LEFTOVER_AGE_MS = 3600_000;

/**
 * Before any handler runs: the schema migrated (what the migrate function does at deploy),
 * the admin user created, and staging files of a killed run removed.
 */
export async function prepare(config: Config, adminPassword: string, log: (msg: string) => void): Promise<void> {
  const app = createApp(config, logger);
  try {
    const migrations = await runMigrations(app.db.pool, path.join(ROOT, 'schema'));
    if (migrations.applied.length) log(`applied migrations: ${migrations.applied.join(', ')}`);
    if (await app.auth.ensureAdmin('admin', adminPassword)) log('created user admin');
  } finally {
    await app.close();
  }
  if (config.storage.backend === 'fs') {
    const removed = await new FsBlobStore(config.storage.dir, (key) => key).removeLeftovers(LEFTOVER_AGE_MS);
    if (removed) log(`removed ${removed} unfinished writes left in ${config.storage.dir} by a stopped run`);
  }
}
