import { randomUUID } from 'node:crypto';
import type { AppKind, WorkerFilter, WorkerRecord, WorkerRegistry } from '../../core/workers/worker-registry';
import type { Database } from './database';
import { orderBy } from './ordering-sql';
import { addTextFilter, SqlFilter } from './sql-filter';

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

  async list(filter: WorkerFilter, page: { limit: number; offset: number }): Promise<{ count: number; results: WorkerRecord[] }> {
    const where = new SqlFilter().where(`kind = 'worker'`);
    addTextFilter(where, 'name', filter.name);
    const h = filter.lastHeartbeat;
    where.when(h?.gt, 'last_heartbeat > $?').when(h?.gte, 'last_heartbeat >= $?').when(h?.lt, 'last_heartbeat < $?').when(h?.lte, 'last_heartbeat <= $?');
    const seen = (ttl: string) => `(last_heartbeat > clock_timestamp() - make_interval(secs => ${ttl}))`;
    if (filter.online !== undefined) where.where(`${seen(where.param(filter.ttlSeconds))} = ${filter.online ? 'true' : 'false'}`);
    if (filter.missing !== undefined) where.where(`${seen(where.param(filter.ttlSeconds))} = ${filter.missing ? 'false' : 'true'}`);
    const count = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM workers ${where.sql()}`, where.params);
    const order = orderBy(filter.ordering, { name: 'name', last_heartbeat: 'last_heartbeat', pulp_created: 'pulp_created' }, 'name');
    const { rows } = await this.db.query<WorkerRow>(
      `SELECT * FROM workers ${where.sql()} ${order} LIMIT ${page.limit} OFFSET ${page.offset}`,
      where.params,
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
