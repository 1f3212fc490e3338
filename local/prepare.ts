import path from 'node:path';
import { FsBlobStore } from '../layers/adapters/fs/fs-blob-store';
import { runMigrations } from '../layers/adapters/postgres/migrator';
import { bootstrapAccess, type BootstrapAdmin } from '../layers/app/access';
import { createApp } from '../layers/app/app';
import type { Config } from '../layers/app/config';
import { migrationSources } from '../layers/app/migration-sources';
import type { SigningDocument } from '../layers/core/signing/signing-material';
import { TEMPORARY_PREFIX } from '../layers/core/storage/blob-store';
import type { PluginDefinition } from '../layers/plugin-api';
import { logger } from '../functions/shared/powertools';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
/** A staging file this old belongs to no write still going on. */
const LEFTOVER_AGE_MS = 3600_000;
const TEMPORARY_AGE_MS = 86_400_000;

/**
 * Before any handler runs: the schema migrated (what the migrate function does at deploy),
 * access control's built-ins written and the admin user synced, old seals re-encrypted, the delivery index rebuilt (the emulator keeps it in memory), and
 * staging files of a killed run removed.
 */
export async function prepare(
  config: Config,
  plugins: readonly PluginDefinition[],
  access: { admin: BootstrapAdmin; signing: SigningDocument },
  log: (msg: string) => void,
): Promise<void> {
  const app = createApp(config, plugins, logger, { signing: access.signing });
  try {
    const migrations = await runMigrations(app.db.pool, migrationSources(path.join(ROOT, 'schema'), app.types.plugins));
    if (migrations.applied.length) log(`applied migrations: ${migrations.applied.join(', ')}`);
    const synced = await bootstrapAccess(app.db, app.types, access.admin);
    if (synced.adminCreated) log('created user admin');
    // Secrets sealed under an older key (or not sealed yet) are re-encrypted under the current one.
    const resealed = await app.data.remotes.reseal();
    if (resealed) log(`re-encrypted the secrets of ${resealed} remotes`);
    const reindexed = await app.indexer.reconcile();
    if (reindexed.refreshed) log(`indexed ${reindexed.refreshed} distributions for the content app`);
  } finally {
    await app.close();
  }
  if (config.storage.backend === 'fs') {
    const store = new FsBlobStore(config.storage.dir, (key) => key);
    const removed = await store.removeLeftovers(LEFTOVER_AGE_MS);
    if (removed) log(`removed ${removed} unfinished writes left in ${config.storage.dir} by a stopped run`);
    // The bucket's lifecycle rule expires tmp/ after a day (fetched documents, task scratch).
    const expired = await store.removeExpired(TEMPORARY_PREFIX, TEMPORARY_AGE_MS);
    if (expired) log(`removed ${expired} temporary objects older than a day`);
  }
}
