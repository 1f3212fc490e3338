import type { ContentGuard, GuardFilter, GuardPatch, GuardStore, NewGuard } from '../../../core/access/content-guard';
import type { Found, Window } from '../../../core/models/page';
import type { Database } from '../database';
import { orderBy } from '../ordering-sql';
import { addTextFilter, SqlFilter } from '../sql-filter';
import { addScope } from './scope-sql';

interface GuardRow {
  id: string;
  pulp_type: ContentGuard['pulpType'];
  name: string;
  description: string | null;
  header_name: string | null;
  header_value: string | null;
  jq_filter: string | null;
  guards: string[] | null;
  pulp_created: string;
  pulp_last_updated: string;
}

const toGuard = (r: GuardRow): ContentGuard => ({
  id: r.id,
  pulpType: r.pulp_type,
  name: r.name,
  description: r.description,
  headerName: r.header_name,
  headerValue: r.header_value,
  jqFilter: r.jq_filter,
  guards: r.guards ?? [],
  pulpCreated: r.pulp_created,
  pulpLastUpdated: r.pulp_last_updated,
});

const GUARDS = `(SELECT g.*, ARRAY(SELECT m.guard_id::text FROM composite_guard_members m WHERE m.composite_id = g.id ORDER BY m.position) AS guards
  FROM content_guards g) AS g`;
const ORDER = { name: 'g.name', pulp_created: 'g.pulp_created', pulp_last_updated: 'g.pulp_last_updated' };

/** Content guards of every type in one table; composite members beside it. */
export class PgGuardStore implements GuardStore {
  constructor(private readonly db: Database) {}

  async list(filter: GuardFilter, window: Window): Promise<Found<ContentGuard>> {
    const where = new SqlFilter().when(filter.ids, 'g.id = ANY($?::uuid[])').when(filter.pulpType, 'g.pulp_type = $?');
    addTextFilter(where, 'g.name', filter.name);
    addScope(where, filter.scope, { id: 'g.id', type: 'g.pulp_type' });
    const count = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${GUARDS} ${where.sql()}`, where.params);
    const limit = where.param(window.limit);
    const offset = where.param(window.offset);
    const { rows } = await this.db.query<GuardRow>(
      `SELECT * FROM ${GUARDS} ${where.sql()} ${orderBy(filter.ordering, ORDER, 'g.name, g.id')} LIMIT ${limit} OFFSET ${offset}`,
      where.params,
    );
    return { count: count.rows[0]!.n, results: rows.map(toGuard) };
  }

  async get(id: string): Promise<ContentGuard | undefined> {
    const { rows } = await this.db.query<GuardRow>(`SELECT * FROM ${GUARDS} WHERE g.id = $1`, [id]);
    return rows[0] ? toGuard(rows[0]) : undefined;
  }

  async nameTaken(name: string, exceptId?: string): Promise<boolean> {
    const { rows } = await this.db.query('SELECT 1 FROM content_guards WHERE name = $1 AND id IS DISTINCT FROM $2', [name, exceptId ?? null]);
    return rows.length > 0;
  }

  async create(id: string, guard: NewGuard): Promise<ContentGuard> {
    await this.db.transaction(async (c) => {
      await c.query(
        `INSERT INTO content_guards (id, pulp_type, name, description, header_name, header_value, jq_filter) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, guard.pulpType, guard.name, guard.description, guard.headerName, guard.headerValue, guard.jqFilter],
      );
      await this.setMembers(c, id, guard.guards);
    });
    return (await this.get(id))!;
  }

  private async setMembers(c: { query: Database['query'] }, id: string, members: string[]): Promise<void> {
    await c.query('DELETE FROM composite_guard_members WHERE composite_id = $1', [id]);
    if (members.length)
      await c.query('INSERT INTO composite_guard_members (composite_id, guard_id, position) SELECT $1, g, o FROM unnest($2::uuid[]) WITH ORDINALITY AS m(g, o)', [id, members]);
  }

  async update(id: string, patch: GuardPatch): Promise<ContentGuard | undefined> {
    const columns: Record<string, string> = { name: 'name', description: 'description', headerName: 'header_name', headerValue: 'header_value', jqFilter: 'jq_filter' };
    const keys = Object.keys(patch).filter((k) => columns[k]);
    const found = await this.db.transaction(async (c) => {
      const sets = keys.map((k, i) => `${columns[k]} = $${i + 2}`);
      const { rowCount } = await c.query(
        `UPDATE content_guards SET ${[...sets, 'pulp_last_updated = clock_timestamp()'].join(', ')} WHERE id = $1`,
        [id, ...keys.map((k) => patch[k as keyof GuardPatch])],
      );
      if (!rowCount) return false;
      if (patch.guards) await this.setMembers(c, id, patch.guards);
      return true;
    });
    return found ? this.get(id) : undefined;
  }

  async delete(id: string): Promise<boolean> {
    const { rowCount } = await this.db.query('DELETE FROM content_guards WHERE id = $1', [id]);
    return (rowCount ?? 0) > 0;
  }
}
