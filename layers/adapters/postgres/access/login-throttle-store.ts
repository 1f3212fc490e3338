import type { LoginThrottleStore, ThrottlePolicy } from '../../../core/access/login-throttle';
import type { Queryable } from '../database';

/** Failed-login counts in a table every instance shares. */
export class PgLoginThrottleStore implements LoginThrottleStore {
  constructor(private readonly db: Queryable) {}

  async lockedFor(keys: string[]): Promise<{ seconds: number; known: boolean }> {
    const { rows } = await this.db.query<{ seconds: number | null }>(
      `SELECT ceil(extract(epoch FROM locked_until - clock_timestamp()))::int AS seconds FROM login_throttle WHERE key = ANY($1::text[])`,
      [keys],
    );
    return { seconds: Math.max(0, ...rows.map((r) => r.seconds ?? 0)), known: rows.length > 0 };
  }

  /**
   * One statement counts the failure (restarting the count after a quiet window) and sets
   * the lock: none for the first `freeFailures`, then base × 2^(extra − 1) seconds, capped.
   */
  async failed(key: string, p: ThrottlePolicy): Promise<void> {
    await this.db.query(
      `WITH counted AS (
         SELECT CASE WHEN t.last_failure IS NULL OR t.last_failure < clock_timestamp() - make_interval(secs => $5::float8) THEN 1 ELSE t.failures + 1 END AS n
           FROM (SELECT 1) one LEFT JOIN login_throttle t ON t.key = $1)
       INSERT INTO login_throttle AS l (key, failures, last_failure, locked_until)
       SELECT $1, n, clock_timestamp(),
              CASE WHEN n > $2::int THEN clock_timestamp() + make_interval(secs => least($4::float8, $3::float8 * power(2, n - $2::int - 1))) END
         FROM counted
       ON CONFLICT (key) DO UPDATE SET failures = EXCLUDED.failures, last_failure = EXCLUDED.last_failure, locked_until = EXCLUDED.locked_until`,
      [key, p.freeFailures, p.baseSeconds, p.maxSeconds, p.windowSeconds],
    );
  }

  async forget(keys: string[]): Promise<void> {
    await this.db.query('DELETE FROM login_throttle WHERE key = ANY($1::text[])', [keys]);
  }
}
