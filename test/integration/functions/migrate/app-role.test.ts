import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from '../../../../layers/adapters/postgres/migrator';
import { ensureAppRole } from '../../../../functions/migrate/app-role';
import { createTestDatabase, type TestDatabase } from '../../../support/test-database';

const SCHEMA = path.resolve(import.meta.dirname, '../../../../schema');

/** Runs sql in a session acting as role, as a function logged in as it would. */
const asRole = async (pool: pg.Pool, role: string, sql: string): Promise<unknown> => {
  const client = await pool.connect();
  try {
    await client.query(`SET ROLE ${client.escapeIdentifier(role)}`);
    return await client.query(sql).then(
      () => 'ok',
      (err: Error) => err.message,
    );
  } finally {
    await client.query('RESET ROLE');
    client.release();
  }
};

describe('ensureAppRole', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  // Roles are global to the server; a random name keeps parallel runs apart.
  const role = `pulp_app_${randomBytes(4).toString('hex')}`;
  let createdRdsIam = false;

  beforeAll(async () => {
    db = await createTestDatabase('app_role');
    pool = new pg.Pool({ connectionString: db.url, max: 2 });
    await runMigrations(pool, SCHEMA);
    // Stand in for RDS's rds_iam role, whose membership makes a role log in with IAM tokens.
    const exists = await pool.query("SELECT 1 FROM pg_roles WHERE rolname = 'rds_iam'");
    if (exists.rowCount === 0) {
      await pool.query('CREATE ROLE rds_iam NOLOGIN');
      createdRdsIam = true;
    }
    await ensureAppRole(pool, role);
  });

  afterAll(async () => {
    await pool.query(`DROP OWNED BY ${pg.escapeIdentifier(role)}`);
    await pool.query(`DROP ROLE ${pg.escapeIdentifier(role)}`);
    if (createdRdsIam) await pool.query('DROP ROLE rds_iam');
    await pool.end();
    await db.drop();
  });

  it.each([
    { what: 'reads rows', sql: 'SELECT count(*) FROM tasks', outcome: 'ok' },
    { what: 'deletes rows', sql: "DELETE FROM tasks WHERE id = '00000000-0000-0000-0000-000000000000'", outcome: 'ok' },
    { what: 'updates rows', sql: "UPDATE tasks SET seq = seq WHERE id = '00000000-0000-0000-0000-000000000000'", outcome: 'ok' },
    { what: 'reads the migration ledger', sql: 'SELECT count(*) FROM schema_migrations', outcome: 'ok' },
    { what: 'cannot write the migration ledger', sql: "INSERT INTO schema_migrations (version) VALUES ('x')", outcome: /permission denied/ },
    { what: 'cannot create tables', sql: 'CREATE TABLE intruder (id int)', outcome: /permission denied/ },
    { what: 'cannot drop tables', sql: 'DROP TABLE tasks', outcome: /must be owner/ },
    { what: 'cannot alter tables', sql: 'ALTER TABLE tasks ADD COLUMN x int', outcome: /must be owner/ },
  ])('lets the app role: $what', async ({ sql, outcome }) => {
    // Act
    const result = await asRole(pool, role, sql);

    // Assess
    if (typeof outcome === 'string') expect(result).toBe(outcome);
    else expect(result).toMatch(outcome);
  });

  it('logs in, is no superuser, and is a member of rds_iam (IAM tokens only on RDS)', async () => {
    // Act
    const { rows } = await pool.query(
      "SELECT rolcanlogin, rolsuper, rolcreaterole, rolcreatedb, pg_has_role($1, 'rds_iam', 'MEMBER') AS iam FROM pg_roles WHERE rolname = $1",
      [role],
    );

    // Assess
    expect(rows).toEqual([{ rolcanlogin: true, rolsuper: false, rolcreaterole: false, rolcreatedb: false, iam: true }]);
  });

  it('runs again without error and grants tables added since', async () => {
    // Prepare
    await pool.query('CREATE TABLE added_later (id int)');

    // Act
    await ensureAppRole(pool, role);
    const result = await asRole(pool, role, 'INSERT INTO added_later VALUES (1)');

    // Assess
    expect(result).toBe('ok');
  });

  it.each(['Robert"); DROP TABLE tasks; --', 'UPPER', ''])('refuses the role name %j', async (name) => {
    // Act / Assess
    await expect(ensureAppRole(pool, name)).rejects.toThrow(/not a plain identifier/);
  });
});
