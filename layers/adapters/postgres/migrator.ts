import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Pool } from 'pg';

/** An arbitrary constant: every migration runner in the fleet takes this one advisory lock. */
const MIGRATION_LOCK_KEY = 7_315_001;
const FILE_PATTERN = /^(\d{4})_[a-z0-9_]+\.sql$/;

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

/** A folder of numbered migrations; plugin folders record theirs as `<plugin>/<file>`. */
export interface MigrationSource {
  dir: string;
  /** Empty for core's own schema; the plugin's name otherwise. */
  namespace?: string;
}

/**
 * Applies the numbered, forward-only SQL files that have not run yet, core's first, then each
 * plugin's in the order given, each file in its own transaction, under a session advisory lock
 * so concurrent runners (two `npm start`s, a deploy trigger retry) never race. A file that
 * fails rolls back and stops the run.
 */
export async function runMigrations(pool: Pool, sources: string | readonly MigrationSource[]): Promise<MigrationResult> {
  const list = typeof sources === 'string' ? [{ dir: sources }] : sources;
  const files: Array<{ version: string; path: string }> = [];
  for (const source of list) {
    for (const f of (await readdir(source.dir)).filter((name) => FILE_PATTERN.test(name)).sort()) {
      files.push({ version: source.namespace ? `${source.namespace}/${f}` : f, path: path.join(source.dir, f) });
    }
  }
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version text PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
    );
    const done = new Set(
      (await client.query<{ version: string }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version),
    );
    const applied: string[] = [];
    for (const { version: file, path: filePath } of files) {
      if (done.has(file)) continue;
      const sql = await readFile(filePath, 'utf8');
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [file]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${file} failed: ${(err as Error).message}`, { cause: err });
      }
      applied.push(file);
    }
    return { applied, alreadyApplied: done.size };
  } finally {
    // A session lock outlives the run on a pooled connection: if unlocking fails, destroy it.
    const unlockError = await client
      .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
      .then(() => undefined, (err: Error) => err);
    client.release(unlockError);
  }
}
