import { addScope } from '../access/scope-sql';
import { newId } from '../../../core/ids';
import type { Found, Window } from '../../../core/models/page';
import type { Repository } from '../../../core/models/repository';
import type { NewRepository, RepositoryFilter, RepositoryPatch, RepositoryStore } from '../../../core/ports/repository-store';
import type { Queryable } from '../database';
import { orderBy } from '../ordering-sql';
import { addTextFilter, SqlFilter } from '../sql-filter';

interface Row {
  id: string;
  pulp_type: string;
  name: string;
  description: string | null;
  pulp_labels: Record<string, string>;
  next_version: number;
  latest_version: number;
  retain_repo_versions: number | null;
  retain_checkpoints: number | null;
  remote_id: string | null;
  autopublish: boolean;
  extra: Record<string, unknown>;
  last_sync_details: Record<string, unknown>;
  pulp_created: string;
  pulp_last_updated: string;
}

const toRepository = (r: Row): Repository => ({
  id: r.id,
  pulpType: r.pulp_type,
  name: r.name,
  description: r.description,
  pulpLabels: r.pulp_labels,
  nextVersion: r.next_version,
  latestVersion: r.latest_version,
  retainRepoVersions: r.retain_repo_versions,
  retainCheckpoints: r.retain_checkpoints,
  remoteId: r.remote_id,
  autopublish: r.autopublish,
  extra: r.extra,
  lastSyncDetails: r.last_sync_details,
  pulpCreated: r.pulp_created,
  pulpLastUpdated: r.pulp_last_updated,
});

const SELECT = `SELECT r.*, (SELECT max(v.number) FROM repository_versions v WHERE v.repository_id = r.id) AS latest_version
  FROM repositories r`;

const ORDER = { name: 'r.name', pulp_created: 'r.pulp_created', pulp_last_updated: 'r.pulp_last_updated', description: 'r.description' };

const COLUMNS: Record<keyof RepositoryPatch, string> = {
  name: 'name',
  description: 'description',
  pulpLabels: 'pulp_labels',
  retainRepoVersions: 'retain_repo_versions',
  retainCheckpoints: 'retain_checkpoints',
  remoteId: 'remote_id',
  autopublish: 'autopublish',
  extra: 'extra',
  lastSyncDetails: 'last_sync_details',
};

export class PgRepositoryStore implements RepositoryStore {
  constructor(private readonly db: Queryable) {}

  async insert(repo: NewRepository): Promise<Repository> {
    await this.db.query(
      `WITH r AS (
         INSERT INTO repositories (id, pulp_type, name, description, pulp_labels, next_version, retain_repo_versions,
                                   retain_checkpoints, remote_id, autopublish, extra)
         VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $8, $9, $10) RETURNING id)
       INSERT INTO repository_versions (id, repository_id, number) SELECT $11, id, 0 FROM r`,
      [
        repo.id,
        repo.pulpType,
        repo.name,
        repo.description,
        JSON.stringify(repo.pulpLabels),
        repo.retainRepoVersions,
        repo.retainCheckpoints,
        repo.remoteId,
        repo.autopublish,
        JSON.stringify(repo.extra),
        newId(),
      ],
    );
    return (await this.get(repo.id))!;
  }

  async get(id: string): Promise<Repository | undefined> {
    const { rows } = await this.db.query<Row>(`${SELECT} WHERE r.id = $1`, [id]);
    return rows[0] && toRepository(rows[0]);
  }

  async lock(id: string): Promise<Repository | undefined> {
    const { rows } = await this.db.query<{ id: string }>('SELECT id FROM repositories WHERE id = $1 FOR UPDATE', [id]);
    return rows[0] ? this.get(id) : undefined;
  }

  async list(filter: RepositoryFilter, window: Window): Promise<Found<Repository>> {
    const where = new SqlFilter().when(filter.ids, 'r.id = ANY($?::uuid[])').when(filter.pulpType, 'r.pulp_type = $?');
    addTextFilter(where, 'r.name', filter.name);
    if (filter.remoteId === null) where.where('r.remote_id IS NULL');
    else if (filter.remoteId !== undefined) where.where('r.remote_id = $?', filter.remoteId);
    where.labels('r.pulp_labels', filter.labels);
    addScope(where, filter.scope, { id: 'r.id', type: 'r.pulp_type' });
    const count = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM repositories r ${where.sql()}`, where.params);
    const limit = where.param(window.limit);
    const offset = where.param(window.offset);
    const { rows } = await this.db.query<Row>(
      `${SELECT} ${where.sql()} ${orderBy(filter.ordering, ORDER, 'r.name, r.id')} LIMIT ${limit} OFFSET ${offset}`,
      where.params,
    );
    return { count: count.rows[0]!.n, results: rows.map(toRepository) };
  }

  async update(id: string, patch: RepositoryPatch): Promise<Repository | undefined> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    for (const [key, column] of Object.entries(COLUMNS) as Array<[keyof RepositoryPatch, string]>) {
      if (!(key in patch)) continue;
      const value = patch[key];
      params.push(typeof value === 'object' && value !== null ? JSON.stringify(value) : value);
      sets.push(`${column} = $${params.length}`);
    }
    if (sets.length) {
      await this.db.query(
        `UPDATE repositories SET ${sets.join(', ')}, pulp_last_updated = clock_timestamp() WHERE id = $1`,
        params,
      );
    }
    return this.get(id);
  }

  async delete(id: string): Promise<boolean> {
    // Membership rows go first: they restrict content deletion, not repository deletion.
    await this.db.query('DELETE FROM repository_content WHERE repository_id = $1', [id]);
    const { rowCount } = await this.db.query('DELETE FROM repositories WHERE id = $1', [id]);
    return (rowCount ?? 0) > 0;
  }

  async nameTaken(name: string, exceptId?: string): Promise<boolean> {
    const { rows } = await this.db.query('SELECT 1 FROM repositories WHERE name = $1 AND id IS DISTINCT FROM $2', [
      name,
      exceptId ?? null,
    ]);
    return rows.length > 0;
  }
}
