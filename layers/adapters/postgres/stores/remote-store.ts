import { addScope } from '../access/scope-sql';
import type { Found, Window } from '../../../core/models/page';
import type { Remote, RemoteAttributes } from '../../../core/models/remote';
import type { RemoteFilter, RemoteStore, RemoteValues } from '../../../core/ports/remote-store';
import type { Queryable } from '../database';
import { orderBy } from '../ordering-sql';
import { addTextFilter, SqlFilter } from '../sql-filter';

const ATTRIBUTE_COLUMNS: Array<keyof RemoteValues> = [
  'name', 'url', 'policy', 'pulp_labels', 'headers', 'ca_cert', 'client_cert', 'client_key', 'tls_validation',
  'proxy_url', 'proxy_username', 'proxy_password', 'username', 'password', 'max_retries', 'total_timeout',
  'connect_timeout', 'sock_connect_timeout', 'sock_read_timeout', 'download_concurrency', 'rate_limit', 'extra',
];
const JSON_COLUMNS = new Set<keyof RemoteValues>(['pulp_labels', 'headers', 'extra']);

type RemoteRow = RemoteAttributes & {
  id: string;
  pulp_type: string;
  extra: Record<string, unknown>;
  pulp_created: string;
  pulp_last_updated: string;
};

function toRemote(row: RemoteRow): Remote {
  const { pulp_type, pulp_created, pulp_last_updated, ...rest } = row;
  return { ...rest, pulpType: pulp_type, pulpCreated: pulp_created, pulpLastUpdated: pulp_last_updated };
}

const encode = (column: keyof RemoteValues, value: unknown): unknown =>
  JSON_COLUMNS.has(column) && value !== null && value !== undefined ? JSON.stringify(value) : value;

const ORDER = { name: 'name', pulp_created: 'pulp_created', pulp_last_updated: 'pulp_last_updated', url: 'url', policy: 'policy' };

/** Remotes of every type: the common fields as columns, the type's own in `extra`. */
export class PgRemoteStore implements RemoteStore {
  constructor(private readonly db: Queryable) {}

  async insert(id: string, pulpType: string, values: RemoteValues): Promise<Remote> {
    const placeholders = ATTRIBUTE_COLUMNS.map((_, i) => `$${i + 3}`).join(', ');
    const { rows } = await this.db.query<RemoteRow>(
      `INSERT INTO remotes (id, pulp_type, ${ATTRIBUTE_COLUMNS.join(', ')}) VALUES ($1, $2, ${placeholders}) RETURNING *`,
      [id, pulpType, ...ATTRIBUTE_COLUMNS.map((c) => encode(c, values[c]))],
    );
    return toRemote(rows[0]!);
  }

  async get(id: string): Promise<Remote | undefined> {
    const { rows } = await this.db.query<RemoteRow>('SELECT * FROM remotes WHERE id = $1', [id]);
    return rows[0] ? toRemote(rows[0]) : undefined;
  }

  async nameTaken(name: string, exceptId?: string): Promise<boolean> {
    const { rows } = await this.db.query('SELECT 1 FROM remotes WHERE name = $1 AND id IS DISTINCT FROM $2', [name, exceptId ?? null]);
    return rows.length > 0;
  }

  async list(filter: RemoteFilter, window: Window): Promise<Found<Remote>> {
    const where = new SqlFilter().when(filter.ids, 'id = ANY($?::uuid[])').when(filter.pulpType, 'pulp_type = $?');
    addTextFilter(where, 'name', filter.name);
    where.labels('pulp_labels', filter.labels);
    addScope(where, filter.scope, { id: 'id', type: 'pulp_type' });
    const count = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM remotes ${where.sql()}`, where.params);
    const limit = where.param(window.limit);
    const offset = where.param(window.offset);
    const { rows } = await this.db.query<RemoteRow>(
      `SELECT * FROM remotes ${where.sql()} ${orderBy(filter.ordering, ORDER, 'name, id')} LIMIT ${limit} OFFSET ${offset}`,
      where.params,
    );
    return { count: count.rows[0]!.n, results: rows.map(toRemote) };
  }

  async update(id: string, changes: Partial<RemoteValues>): Promise<Remote | undefined> {
    const columns = ATTRIBUTE_COLUMNS.filter((c) => c in changes);
    if (!columns.length) return this.get(id);
    const sets = columns.map((c, i) => `${c} = $${i + 2}`).join(', ');
    const { rows } = await this.db.query<RemoteRow>(
      `UPDATE remotes SET ${sets}, pulp_last_updated = clock_timestamp() WHERE id = $1 RETURNING *`,
      [id, ...columns.map((c) => encode(c, changes[c]))],
    );
    return rows[0] ? toRemote(rows[0]) : undefined;
  }

  async delete(id: string): Promise<boolean> {
    const { rowCount } = await this.db.query('DELETE FROM remotes WHERE id = $1', [id]);
    return (rowCount ?? 0) > 0;
  }
}
