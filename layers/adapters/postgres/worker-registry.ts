import { randomUUID } from 'node:crypto';
import type { AppKind, WorkerRecord, WorkerRegistry } from '../../core/workers/worker-registry';
import type { Database } from './database';

interface WorkerRow {
  id: string;
  name: string;
  kind: AppKind;
  versions: Record<string, string>;
  last_heartbeat: string;
  pulp_created: string;
}

const toRecord = (r: WorkerRow): WorkerRecord => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  versions: r.versions,
  lastHeartbeat: r.last_heartbeat,
  pulpCreated: r.pulp_created,
});

export class PgWorkerRegistry implements WorkerRegistry {
  constructor(private readonly db: Database) {}

  async heartbeat(name: string, kind: AppKind, versions: Record<string, string>): Promise<void> {
    await this.db.query(
      `INSERT INTO workers (id, name, kind, versions) VALUES ($1, $2, $3, $4)
       ON CONFLICT (name) DO UPDATE SET last_heartbeat = clock_timestamp()`,
      [randomUUID(), name, kind, JSON.stringify(versions)],
    );
  }

  async online(kind: AppKind, ttlSeconds: number): Promise<WorkerRecord[]> {
    const { rows } = await this.db.query<WorkerRow>(
      `SELECT * FROM workers WHERE kind = $1 AND last_heartbeat > clock_timestamp() - make_interval(secs => $2)
       ORDER BY name`,
      [kind, ttlSeconds],
    );
    return rows.map(toRecord);
  }

  async list(
    filter: { name?: string; online?: boolean; ttlSeconds: number },
    page: { limit: number; offset: number },
  ): Promise<{ count: number; results: WorkerRecord[] }> {
    const where = [`kind = 'worker'`];
    const params: unknown[] = [];
    if (filter.name !== undefined) {
      params.push(filter.name);
      where.push(`name = $${params.length}`);
    }
    if (filter.online !== undefined) {
      params.push(filter.ttlSeconds);
      where.push(`(last_heartbeat > clock_timestamp() - make_interval(secs => $${params.length})) = ${filter.online}`);
    }
    const clause = `WHERE ${where.join(' AND ')}`;
    const count = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM workers ${clause}`, params);
    const { rows } = await this.db.query<WorkerRow>(
      `SELECT * FROM workers ${clause} ORDER BY name LIMIT ${page.limit} OFFSET ${page.offset}`,
      params,
    );
    return { count: count.rows[0]!.n, results: rows.map(toRecord) };
  }

  async get(id: string): Promise<WorkerRecord | undefined> {
    const { rows } = await this.db.query<WorkerRow>('SELECT * FROM workers WHERE id = $1', [id]);
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  async removeMissing(olderThanSeconds: number): Promise<number> {
    const { rowCount } = await this.db.query(
      `DELETE FROM workers WHERE last_heartbeat < clock_timestamp() - make_interval(secs => $1)`,
      [olderThanSeconds],
    );
    return rowCount ?? 0;
  }

  async remove(name: string): Promise<void> {
    await this.db.query('DELETE FROM workers WHERE name = $1', [name]);
  }
}
