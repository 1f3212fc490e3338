import type { ObjectScope } from '../../../core/access/route-access';
import { addScope } from '../access/scope-sql';
import { SqlFilter } from '../sql-filter';
import type { Found, Window } from '../../../core/models/page';
import type { Upload } from '../../../core/models/upload';
import type { UploadStore } from '../../../core/ports/upload-store';
import type { Queryable } from '../database';

interface Row {
  id: string;
  size: number;
  completed: string | null;
  pulp_created: string;
  pulp_last_updated: string;
  chunks: Array<{ offset: number; size: number }> | null;
}

const toUpload = (r: Row): Upload => ({
  id: r.id,
  size: r.size,
  completed: r.completed,
  chunks: r.chunks ?? [],
  pulpCreated: r.pulp_created,
  pulpLastUpdated: r.pulp_last_updated,
});

const SELECT = `SELECT u.id, u.size, u.completed, u.pulp_created, u.pulp_last_updated,
  (SELECT json_agg(json_build_object('offset', c.start_offset, 'size', c.size) ORDER BY c.start_offset)
     FROM upload_chunks c WHERE c.upload_id = u.id) AS chunks
  FROM uploads u`;

export class PgUploadStore implements UploadStore {
  constructor(private readonly db: Queryable) {}

  async insert(id: string, size: number): Promise<Upload> {
    await this.db.query('INSERT INTO uploads (id, size) VALUES ($1, $2)', [id, size]);
    return (await this.get(id))!;
  }

  async get(id: string): Promise<Upload | undefined> {
    const { rows } = await this.db.query<Row>(`${SELECT} WHERE u.id = $1`, [id]);
    return rows[0] && toUpload(rows[0]);
  }

  async list(window: Window, scope?: ObjectScope): Promise<Found<Upload>> {
    const where = new SqlFilter();
    addScope(where, scope, { id: 'u.id' });
    const count = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM uploads u ${where.sql()}`, where.params);
    const limit = where.param(window.limit);
    const offset = where.param(window.offset);
    const { rows } = await this.db.query<Row>(`${SELECT} ${where.sql()} ORDER BY u.pulp_created DESC, u.id LIMIT ${limit} OFFSET ${offset}`, where.params);
    return { count: count.rows[0]!.n, results: rows.map(toUpload) };
  }

  async putChunk(id: string, chunk: { offset: number; size: number; storageKey: string }): Promise<string | undefined> {
    const old = await this.db.query<{ storage_key: string }>(
      'SELECT storage_key FROM upload_chunks WHERE upload_id = $1 AND start_offset = $2',
      [id, chunk.offset],
    );
    await this.db.query(
      `INSERT INTO upload_chunks (upload_id, start_offset, size, storage_key) VALUES ($1, $2, $3, $4)
       ON CONFLICT (upload_id, start_offset) DO UPDATE SET size = EXCLUDED.size, storage_key = EXCLUDED.storage_key`,
      [id, chunk.offset, chunk.size, chunk.storageKey],
    );
    await this.db.query('UPDATE uploads SET pulp_last_updated = clock_timestamp() WHERE id = $1', [id]);
    const previous = old.rows[0]?.storage_key;
    return previous !== undefined && previous !== chunk.storageKey ? previous : undefined;
  }

  async chunkKeys(id: string): Promise<Array<{ offset: number; size: number; storageKey: string }>> {
    const { rows } = await this.db.query<{ start_offset: number; size: number; storage_key: string }>(
      'SELECT start_offset, size, storage_key FROM upload_chunks WHERE upload_id = $1 ORDER BY start_offset',
      [id],
    );
    return rows.map((r) => ({ offset: r.start_offset, size: r.size, storageKey: r.storage_key }));
  }

  async markCompleted(id: string): Promise<void> {
    await this.db.query('UPDATE uploads SET completed = clock_timestamp(), pulp_last_updated = clock_timestamp() WHERE id = $1', [id]);
  }

  async delete(id: string): Promise<void> {
    await this.db.query('DELETE FROM uploads WHERE id = $1', [id]);
  }
}
