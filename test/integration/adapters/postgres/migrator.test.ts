import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMigrations } from '../../../../layers/adapters/postgres/migrator';
import { createTestDatabase, type TestDatabase } from '../../../support/test-database';

describe('runMigrations', () => {
  let db: TestDatabase;
  let dir: string;

  beforeEach(async () => {
    db = await createTestDatabase('migrator');
    dir = await mkdtemp(path.join(os.tmpdir(), 'migrations-'));
  });

  afterEach(async () => {
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  });

  const pool = (): pg.Pool => db.pool({ max: 2 });

  it('applies each file once even when several runners start together', async () => {
    // Prepare
    await writeFile(path.join(dir, '0001_a.sql'), 'CREATE TABLE a (id int); INSERT INTO a VALUES (1);');
    await writeFile(path.join(dir, '0002_b.sql'), 'INSERT INTO a VALUES (2);');
    await writeFile(path.join(dir, 'README.md'), 'not a migration');
    // Act
    const results = await Promise.all([pool(), pool(), pool()].map((p) => runMigrations(p, dir)));
    // Assess
    expect(results.map((r) => r.applied.length).sort()).toEqual([0, 0, 2]);
    const { rows } = await pool().query('SELECT id FROM a ORDER BY id');
    expect(rows).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('rolls back a failing file, records nothing for it, and stops there', async () => {
    // Prepare
    await writeFile(path.join(dir, '0001_a.sql'), 'CREATE TABLE a (id int);');
    await writeFile(path.join(dir, '0002_bad.sql'), 'INSERT INTO a VALUES (1); SELECT no_such_function();');
    await writeFile(path.join(dir, '0003_c.sql'), 'CREATE TABLE c (id int);');
    const p = pool();
    // Act
    const error = await runMigrations(p, dir).catch((e: Error) => e);
    // Assess
    expect(String(error)).toMatch(/Migration 0002_bad.sql failed/);
    const applied = (await p.query('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version);
    expect(applied).toEqual(['0001_a.sql']);
    expect((await p.query('SELECT count(*)::int AS n FROM a')).rows[0].n).toBe(0);
    expect((await p.query("SELECT to_regclass('c') AS t")).rows[0].t).toBeNull();
  });
});
