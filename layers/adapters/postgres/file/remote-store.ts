import type { Remote, RemoteAttributes } from '../../../plugins/file/remotes/remote';
import { UniqueConflict } from '../../../core/unique-conflict';
import { RemoteNameTaken, type RemoteFilter, type RemoteStore } from '../../../plugins/file/remotes/remote-store';
import type { Database } from '../database';
import { addTextFilter, SqlFilter } from '../sql-filter';

const ATTRIBUTE_COLUMNS: Array<keyof RemoteAttributes> = [
  'name', 'url', 'policy', 'pulp_labels', 'headers', 'ca_cert', 'client_cert', 'client_key', 'tls_validation',
  'proxy_url', 'proxy_username', 'proxy_password', 'username', 'password', 'max_retries', 'total_timeout',
  'connect_timeout', 'sock_connect_timeout', 'sock_read_timeout', 'download_concurrency', 'rate_limit',
];
const JSON_COLUMNS = new Set<keyof RemoteAttributes>(['pulp_labels', 'headers']);

type RemoteRow = RemoteAttributes & { id: string; pulp_type: string; pulp_created: string; pulp_last_updated: string };

function toRemote(row: RemoteRow): Remote {
  const { pulp_type, pulp_created, pulp_last_updated, ...rest } = row;
  return { ...rest, pulpType: pulp_type, pulpCreated: pulp_created, pulpLastUpdated: pulp_last_updated };
}

const encode = (column: keyof RemoteAttributes, value: unknown): unknown =>
  JSON_COLUMNS.has(column) && value !== null && value !== undefined ? JSON.stringify(value) : value;

const ORDERINGS: Record<string, string> = {
  name: 'name', pulp_created: 'pulp_created', pulp_last_updated: 'pulp_last_updated', url: 'url', policy: 'policy',
};

function isUniqueViolation(err: unknown): boolean {
  return err instanceof UniqueConflict;
}

export class PgRemoteStore implements RemoteStore {
  constructor(private readonly db: Database) {}

  async insert(id: string, pulpType: string, attributes: RemoteAttributes): Promise<Remote> {
    const values = ATTRIBUTE_COLUMNS.map((c) => encode(c, attributes[c]));
    const placeholders = ATTRIBUTE_COLUMNS.map((_, i) => `$${i + 3}`).join(', ');
    try {
      const { rows } = await this.db.query<RemoteRow>(
        `INSERT INTO remotes (id, pulp_type, ${ATTRIBUTE_COLUMNS.join(', ')}) VALUES ($1, $2, ${placeholders}) RETURNING *`,
        [id, pulpType, ...values],
      );
      return toRemote(rows[0]!);
    } catch (err) {
      if (isUniqueViolation(err)) throw new RemoteNameTaken(attributes.name);
      throw err;
    }
  }

  async get(id: string): Promise<Remote | undefined> {
    const { rows } = await this.db.query<RemoteRow>('SELECT * FROM remotes WHERE id = $1', [id]);
    return rows[0] ? toRemote(rows[0]) : undefined;
  }

  async findByName(name: string): Promise<Remote | undefined> {
    const { rows } = await this.db.query<RemoteRow>('SELECT * FROM remotes WHERE name = $1', [name]);
    return rows[0] ? toRemote(rows[0]) : undefined;
  }

  async list(filter: RemoteFilter, window: { limit: number; offset: number }): Promise<{ count: number; results: Remote[] }> {
    const where = new SqlFilter();
    addTextFilter(where, 'name', filter.name);
    where.when(filter.ids, 'id = ANY($?::uuid[])').labels('pulp_labels', filter.labelSelect);
    const clause = where.sql();
    const params = where.params;
    const order = (filter.ordering ?? [])
      .map((o) => {
        const desc = o.startsWith('-');
        const column = ORDERINGS[desc ? o.slice(1) : o];
        return column ? `${column} ${desc ? 'DESC' : 'ASC'}` : undefined;
      })
      .filter(Boolean);
    order.push('name ASC', 'id ASC');
    const count = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM remotes ${clause}`, params);
    const { rows } = await this.db.query<RemoteRow>(
      `SELECT * FROM remotes ${clause} ORDER BY ${order.join(', ')} LIMIT ${window.limit} OFFSET ${window.offset}`,
      params,
    );
    return { count: count.rows[0]!.n, results: rows.map(toRemote) };
  }

  async update(id: string, changes: Partial<RemoteAttributes>): Promise<Remote | undefined> {
    const columns = ATTRIBUTE_COLUMNS.filter((c) => c in changes);
    if (!columns.length) return this.get(id);
    const sets = columns.map((c, i) => `${c} = $${i + 2}`).join(', ');
    try {
      const { rows } = await this.db.query<RemoteRow>(
        `UPDATE remotes SET ${sets}, pulp_last_updated = clock_timestamp() WHERE id = $1 RETURNING *`,
        [id, ...columns.map((c) => encode(c, changes[c]))],
      );
      return rows[0] ? toRemote(rows[0]) : undefined;
    } catch (err) {
      if (isUniqueViolation(err)) throw new RemoteNameTaken(String(changes.name));
      throw err;
    }
  }

  async delete(id: string): Promise<boolean> {
    const { rowCount } = await this.db.query('DELETE FROM remotes WHERE id = $1', [id]);
    return (rowCount ?? 0) > 0;
  }
}
