import type { ApiToken, TokenStore } from '../../../core/access/token-store';
import type { ObjectScope } from '../../../core/access/route-access';
import type { Found, Window } from '../../../core/models/page';
import type { Queryable } from '../database';
import { SqlFilter } from '../sql-filter';
import { addScope } from './scope-sql';

interface TokenRow {
  id: string;
  user_id: string;
  username: string;
  name: string;
  secret_hash: string;
  expires_at: string | null;
  last_used_at: string | null;
  pulp_created: string;
}

const toToken = (r: TokenRow): ApiToken => ({
  id: r.id,
  userId: r.user_id,
  username: r.username,
  name: r.name,
  secretHash: r.secret_hash,
  expiresAt: r.expires_at,
  lastUsedAt: r.last_used_at,
  pulpCreated: r.pulp_created,
});

const TOKENS = 'api_tokens t JOIN users u ON u.id = t.user_id';
const COLUMNS = 't.*, u.username';

/** API tokens in Postgres. */
export class PgTokenStore implements TokenStore {
  constructor(private readonly db: Queryable) {}

  async create(token: { id: string; userId: string; name: string; secretHash: string; expiresAt: Date | null }): Promise<ApiToken> {
    await this.db.query('INSERT INTO api_tokens (id, user_id, name, secret_hash, expires_at) VALUES ($1, $2, $3, $4, $5)', [
      token.id,
      token.userId,
      token.name,
      token.secretHash,
      token.expiresAt,
    ]);
    return (await this.get(token.id))!;
  }

  async get(id: string): Promise<ApiToken | undefined> {
    const { rows } = await this.db.query<TokenRow>(`SELECT ${COLUMNS} FROM ${TOKENS} WHERE t.id = $1`, [id]);
    return rows[0] ? toToken(rows[0]) : undefined;
  }

  async list(filter: { scope?: ObjectScope; ids?: string[] }, window: Window): Promise<Found<ApiToken>> {
    const where = new SqlFilter().when(filter.ids, 't.id = ANY($?::uuid[])');
    addScope(where, filter.scope, { id: 't.id' });
    const count = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${TOKENS} ${where.sql()}`, where.params);
    const limit = where.param(window.limit);
    const offset = where.param(window.offset);
    const { rows } = await this.db.query<TokenRow>(
      `SELECT ${COLUMNS} FROM ${TOKENS} ${where.sql()} ORDER BY t.pulp_created DESC, t.id LIMIT ${limit} OFFSET ${offset}`,
      where.params,
    );
    return { count: count.rows[0]!.n, results: rows.map(toToken) };
  }

  async delete(id: string): Promise<boolean> {
    const { rowCount } = await this.db.query('DELETE FROM api_tokens WHERE id = $1', [id]);
    return (rowCount ?? 0) > 0;
  }

  async touch(id: string): Promise<void> {
    await this.db.query(
      `UPDATE api_tokens SET last_used_at = clock_timestamp() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < clock_timestamp() - interval '5 minutes')`,
      [id],
    );
  }
}
