import { addScope } from '../access/scope-sql';
import type { Found, Window } from '../../../core/models/page';
import type { Publication, PublishedMetadata } from '../../../core/models/publication';
import type { NewPublication, PublicationFilter, PublicationStore } from '../../../core/ports/publication-store';
import type { Queryable } from '../database';
import { orderBy } from '../ordering-sql';
import { SqlFilter } from '../sql-filter';

export interface PublicationRow {
  id: string;
  pulp_type: string;
  repository_version_id: string;
  repository_id: string;
  repository_type: string;
  number: number;
  extra: Record<string, unknown>;
  pass_through: boolean;
  checkpoint: boolean;
  complete: boolean;
  pulp_created: string;
  pulp_last_updated: string;
}

export const toPublication = (r: PublicationRow): Publication => ({
  id: r.id,
  pulpType: r.pulp_type,
  repositoryVersionId: r.repository_version_id,
  repositoryId: r.repository_id,
  repositoryType: r.repository_type,
  versionNumber: r.number,
  extra: r.extra,
  passThrough: r.pass_through,
  checkpoint: r.checkpoint,
  complete: r.complete,
  pulpCreated: r.pulp_created,
  pulpLastUpdated: r.pulp_last_updated,
});

/** A publication's columns; `p` and `v` (its version) must be in scope. */
export const PUBLICATION_COLUMNS = `p.id, p.pulp_type, p.repository_version_id, v.repository_id, v.number, p.extra,
    p.pass_through, p.checkpoint, p.complete, p.pulp_created, p.pulp_last_updated,
    (SELECT r.pulp_type FROM repositories r WHERE r.id = v.repository_id) AS repository_type`;

export const PUBLICATION_SELECT = `SELECT ${PUBLICATION_COLUMNS}
  FROM publications p JOIN repository_versions v ON v.id = p.repository_version_id`;

const ORDER = { pulp_created: 'p.pulp_created' };

export class PgPublicationStore implements PublicationStore {
  constructor(private readonly db: Queryable) {}

  async insert(p: NewPublication): Promise<Publication> {
    await this.db.query(
      `INSERT INTO publications (id, pulp_type, repository_version_id, extra, pass_through, checkpoint, complete)
       VALUES ($1, $2, $3, $4, $5, $6, true)`,
      [p.id, p.pulpType, p.repositoryVersionId, JSON.stringify(p.extra), p.passThrough, p.checkpoint],
    );
    if (p.metadata.length)
      await this.db.query(
        `INSERT INTO published_metadata (id, publication_id, relative_path, sha256, size, storage_key)
         SELECT gen_random_uuid(), $1, t.relative_path, t.sha256, t.size, t.storage_key
           FROM unnest($2::text[], $3::text[], $4::bigint[], $5::text[]) AS t(relative_path, sha256, size, storage_key)`,
        [
          p.id,
          p.metadata.map((m) => m.relativePath),
          p.metadata.map((m) => m.sha256),
          p.metadata.map((m) => m.size),
          p.metadata.map((m) => m.storageKey),
        ],
      );
    return (await this.get(p.id))!;
  }

  async get(id: string): Promise<Publication | undefined> {
    const { rows } = await this.db.query<PublicationRow>(`${PUBLICATION_SELECT} WHERE p.id = $1`, [id]);
    return rows[0] && toPublication(rows[0]);
  }

  async list(filter: PublicationFilter, window: Window): Promise<Found<Publication>> {
    const where = new SqlFilter()
      .where('p.complete')
      .when(filter.ids, 'p.id = ANY($?::uuid[])')
      .when(filter.pulpType, 'p.pulp_type = $?')
      .when(filter.repositoryId, 'v.repository_id = $?')
      .when(filter.repositoryVersionId, 'p.repository_version_id = $?')
      .when(filter.created?.gte, 'p.pulp_created >= $?')
      .when(filter.created?.lte, 'p.pulp_created <= $?')
      .when(filter.created?.gt, 'p.pulp_created > $?')
      .when(filter.created?.lt, 'p.pulp_created < $?');
    addScope(where, filter.scope, { id: 'p.id', type: 'p.pulp_type' });
    if (filter.contentIn)
      where.where(
        `EXISTS (SELECT 1 FROM repository_content rc WHERE rc.repository_id = v.repository_id
           AND rc.content_id = ANY($?::uuid[]) AND rc.version_added <= v.number
           AND (rc.version_removed IS NULL OR rc.version_removed > v.number))`,
        filter.contentIn,
      );
    const from = 'FROM publications p JOIN repository_versions v ON v.id = p.repository_version_id';
    const count = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n ${from} ${where.sql()}`, where.params);
    const limit = where.param(window.limit);
    const offset = where.param(window.offset);
    const { rows } = await this.db.query<PublicationRow>(
      `${PUBLICATION_SELECT} ${where.sql()} ${orderBy(filter.ordering, ORDER, 'p.pulp_created DESC, p.id')} LIMIT ${limit} OFFSET ${offset}`,
      where.params,
    );
    return { count: count.rows[0]!.n, results: rows.map(toPublication) };
  }

  async delete(id: string): Promise<boolean> {
    const { rowCount } = await this.db.query('DELETE FROM publications WHERE id = $1', [id]);
    return (rowCount ?? 0) > 0;
  }

  async distributionIds(publicationId: string): Promise<string[]> {
    const { rows } = await this.db.query<{ id: string }>(
      'SELECT id FROM distributions WHERE publication_id = $1 ORDER BY name',
      [publicationId],
    );
    return rows.map((r) => r.id);
  }

  async metadata(publicationId: string): Promise<PublishedMetadata[]> {
    const { rows } = await this.db.query<{ relative_path: string; sha256: string; size: number; storage_key: string }>(
      'SELECT relative_path, sha256, size, storage_key FROM published_metadata WHERE publication_id = $1 ORDER BY relative_path',
      [publicationId],
    );
    return rows.map((r) => ({ relativePath: r.relative_path, sha256: r.sha256, size: r.size, storageKey: r.storage_key }));
  }
}
