import type { Pool } from 'pg';

/** A plain lower-case identifier: the role name reaches SQL only through format('%I'). */
const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Creates (or brings up to date) the role the functions log in as: it may read and write
 * the rows of every table but change no schema, and on RDS it logs in with IAM tokens only
 * (membership in rds_iam). Run after the migrations, so tables they added are granted too.
 */
export async function ensureAppRole(pool: Pool, role: string): Promise<void> {
  if (!ROLE_NAME.test(role)) throw new Error(`app role name ${JSON.stringify(role)} is not a plain identifier`);
  const client = await pool.connect();
  try {
    // A session setting carries the name into the DO block, which takes no parameters.
    await client.query("SELECT set_config('pulp.app_role', $1, false)", [role]);
    await client.query(`DO $$
      DECLARE app text := current_setting('pulp.app_role');
      BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = app) THEN
          EXECUTE format('CREATE ROLE %I LOGIN', app);
        END IF;
        EXECUTE format('ALTER ROLE %I LOGIN', app);
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), app);
        EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', app);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I', app);
        EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO %I', app);
        -- The migration ledger is the migrator's alone.
        IF to_regclass('public.schema_migrations') IS NOT NULL THEN
          EXECUTE format('REVOKE INSERT, UPDATE, DELETE ON public.schema_migrations FROM %I', app);
        END IF;
        IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'rds_iam') THEN
          EXECUTE format('GRANT rds_iam TO %I', app);
        END IF;
      END $$`);
  } finally {
    client.release();
  }
}
