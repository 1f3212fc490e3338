import { addScope } from '../access/scope-sql';
import type { Distribution } from '../../../core/models/distribution';
import type { Found, Window } from '../../../core/models/page';
import type { DistributionFilter, DistributionPatch, DistributionStore, NewDistribution } from '../../../core/ports/distribution-store';
import type { Queryable } from '../database';
import { orderBy } from '../ordering-sql';
import { addTextFilter, likeEscape, SqlFilter } from '../sql-filter';

export interface DistributionRow {
  id: string;
  pulp_type: string;
  name: string;
  base_path: string;
  pulp_labels: Record<string, string>;
  hidden: boolean;
  content_guard_id: string | null;
  repository_id: string | null;
  repository_version_id: string | null;
  publication_id: string | null;
  remote_id: string | null;
  checkpoint: boolean;
  extra: Record<string, unknown>;
  pulp_created: string;
  pulp_last_updated: string;
}

export const toDistribution = (r: DistributionRow): Distribution => ({
  id: r.id,
  pulpType: r.pulp_type,
  name: r.name,
  basePath: r.base_path,
  pulpLabels: r.pulp_labels,
  hidden: r.hidden,
  contentGuardId: r.content_guard_id,
  repositoryId: r.repository_id,
  repositoryVersionId: r.repository_version_id,
  publicationId: r.publication_id,
  remoteId: r.remote_id,
  checkpoint: r.checkpoint,
  extra: r.extra,
  pulpCreated: r.pulp_created,
  pulpLastUpdated: r.pulp_last_updated,
});

const ORDER = { name: 'd.name', base_path: 'd.base_path', pulp_created: 'd.pulp_created' };
const COLUMNS: Record<keyof DistributionPatch, string> = {
  name: 'name',
  basePath: 'base_path',
  pulpLabels: 'pulp_labels',
  hidden: 'hidden',
  contentGuardId: 'content_guard_id',
  repositoryId: 'repository_id',
  repositoryVersionId: 'repository_version_id',
  publicationId: 'publication_id',
  remoteId: 'remote_id',
  checkpoint: 'checkpoint',
  extra: 'extra',
};

export class PgDistributionStore implements DistributionStore {
  constructor(private readonly db: Queryable) {}

  async insert(d: NewDistribution): Promise<Distribution> {
    await this.db.query(
      `INSERT INTO distributions (id, pulp_type, name, base_path, pulp_labels, hidden, content_guard_id, repository_id,
                                  repository_version_id, publication_id, checkpoint, remote_id, extra)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        d.id,
        d.pulpType,
        d.name,
        d.basePath,
        JSON.stringify(d.pulpLabels),
        d.hidden,
        d.contentGuardId,
        d.repositoryId,
        d.repositoryVersionId,
        d.publicationId,
        d.checkpoint,
        d.remoteId,
        JSON.stringify(d.extra),
      ],
    );
    return (await this.get(d.id))!;
  }

  async get(id: string): Promise<Distribution | undefined> {
    const { rows } = await this.db.query<DistributionRow>('SELECT * FROM distributions WHERE id = $1', [id]);
    return rows[0] && toDistribution(rows[0]);
  }

  async list(filter: DistributionFilter, window: Window): Promise<Found<Distribution>> {
    const where = new SqlFilter()
      .when(filter.ids, 'd.id = ANY($?::uuid[])')
      .when(filter.pulpType, 'd.pulp_type = $?')
      .when(filter.repositoryId, 'd.repository_id = $?');
    addTextFilter(where, 'd.name', filter.name);
    addTextFilter(where, 'd.base_path', filter.basePath);
    where.labels('d.pulp_labels', filter.labels);
    addScope(where, filter.scope, { id: 'd.id', type: 'd.pulp_type' });
    const count = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM distributions d ${where.sql()}`, where.params);
    const limit = where.param(window.limit);
    const offset = where.param(window.offset);
    const { rows } = await this.db.query<DistributionRow>(
      `SELECT d.* FROM distributions d ${where.sql()} ${orderBy(filter.ordering, ORDER, 'd.name, d.id')} LIMIT ${limit} OFFSET ${offset}`,
      where.params,
    );
    return { count: count.rows[0]!.n, results: rows.map(toDistribution) };
  }

  async update(id: string, patch: DistributionPatch): Promise<Distribution | undefined> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    for (const [key, column] of Object.entries(COLUMNS) as Array<[keyof DistributionPatch, string]>) {
      if (!(key in patch)) continue;
      const value = patch[key];
      params.push(typeof value === 'object' && value !== null ? JSON.stringify(value) : value);
      sets.push(`${column} = $${params.length}`);
    }
    if (sets.length)
      await this.db.query(`UPDATE distributions SET ${sets.join(', ')}, pulp_last_updated = clock_timestamp() WHERE id = $1`, params);
    return this.get(id);
  }

  async delete(id: string): Promise<boolean> {
    const { rowCount } = await this.db.query('DELETE FROM distributions WHERE id = $1', [id]);
    return (rowCount ?? 0) > 0;
  }

  async conflictingBasePaths(basePath: string, exceptId?: string): Promise<string[]> {
    const { rows } = await this.db.query<{ base_path: string }>(
      `SELECT base_path FROM distributions
        WHERE id IS DISTINCT FROM $3
          AND (base_path = $1 OR base_path LIKE $2 OR $1 LIKE replace(replace(replace(base_path, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '/%')
        ORDER BY base_path`,
      [basePath, `${likeEscape(basePath)}/%`, exceptId ?? null],
    );
    return rows.map((r) => r.base_path);
  }

  async nameTaken(name: string, exceptId?: string): Promise<boolean> {
    const { rows } = await this.db.query('SELECT 1 FROM distributions WHERE name = $1 AND id IS DISTINCT FROM $2', [
      name,
      exceptId ?? null,
    ]);
    return rows.length > 0;
  }

  async lastContentChange(d: Distribution): Promise<string | null> {
    const { rows } = await this.db.query<{ t: string | null }>(
      `SELECT CASE
         WHEN $1::uuid IS NOT NULL THEN (SELECT pulp_created FROM publications WHERE id = $1)
         WHEN $2::uuid IS NOT NULL THEN (SELECT pulp_created FROM repository_versions WHERE id = $2)
         WHEN $3::uuid IS NOT NULL THEN (SELECT max(pulp_created) FROM repository_versions WHERE repository_id = $3)
       END AS t`,
      [d.publicationId, d.repositoryVersionId, d.repositoryId],
    );
    return rows[0]?.t ?? null;
  }
}
