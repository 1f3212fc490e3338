import { addRepositoryScope } from '../access/scope-sql';
import { newId } from '../../../core/ids';
import type { VersionUnit } from '../../../core/models/content';
import type { Found, Window } from '../../../core/models/page';
import type { ContentCounts, RepositoryVersion } from '../../../core/models/repository';
import type { VersionFilter, VersionStore } from '../../../core/ports/version-store';
import type { Queryable } from '../database';
import { orderBy } from '../ordering-sql';
import { SqlFilter } from '../sql-filter';

interface Row {
  id: string;
  repository_id: string;
  pulp_type: string;
  number: number;
  base_version_id: string | null;
  checkpoint: boolean;
  pulp_created: string;
  pulp_last_updated: string;
}

const toVersion = (r: Row): RepositoryVersion => ({
  id: r.id,
  repositoryId: r.repository_id,
  pulpType: r.pulp_type,
  number: r.number,
  baseVersionId: r.base_version_id,
  checkpoint: r.checkpoint,
  pulpCreated: r.pulp_created,
  pulpLastUpdated: r.pulp_last_updated,
});

const COLUMNS = `v.id, v.repository_id, v.number, v.base_version_id, v.checkpoint, v.pulp_created, v.pulp_last_updated,
  (SELECT r.pulp_type FROM repositories r WHERE r.id = v.repository_id) AS pulp_type`;
const ORDER = { number: 'v.number', pulp_created: 'v.pulp_created' };
const IN_VERSION = (n: string) => `rc.version_added <= ${n} AND (rc.version_removed IS NULL OR rc.version_removed > ${n})`;

export class PgVersionStore implements VersionStore {
  constructor(private readonly db: Queryable) {}

  async insert(repositoryId: string, baseVersionId: string | null): Promise<RepositoryVersion> {
    const { rows } = await this.db.query<Row>(
      `WITH n AS (UPDATE repositories SET next_version = next_version + 1, pulp_last_updated = clock_timestamp()
                   WHERE id = $1 RETURNING next_version - 1 AS number, pulp_type)
       INSERT INTO repository_versions (id, repository_id, number, base_version_id)
       SELECT $2, $1, n.number, $3 FROM n
       RETURNING id, repository_id, number, base_version_id, checkpoint, pulp_created, pulp_last_updated,
                 (SELECT pulp_type FROM n) AS pulp_type`,
      [repositoryId, newId(), baseVersionId],
    );
    if (!rows[0]) throw new Error(`Repository ${repositoryId} does not exist`);
    return toVersion(rows[0]);
  }

  async get(repositoryId: string, number: number): Promise<RepositoryVersion | undefined> {
    // An href's number can be any digits: beyond the integer column it names nothing.
    if (!Number.isSafeInteger(number) || number < 0 || number > 2147483647) return undefined;
    const { rows } = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM repository_versions v WHERE v.repository_id = $1 AND v.number = $2`,
      [repositoryId, number],
    );
    return rows[0] && toVersion(rows[0]);
  }

  async byId(id: string): Promise<RepositoryVersion | undefined> {
    const { rows } = await this.db.query<Row>(`SELECT ${COLUMNS} FROM repository_versions v WHERE v.id = $1`, [id]);
    return rows[0] && toVersion(rows[0]);
  }

  async latest(repositoryId: string): Promise<RepositoryVersion> {
    const { rows } = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM repository_versions v WHERE v.repository_id = $1 ORDER BY v.number DESC LIMIT 1`,
      [repositoryId],
    );
    if (!rows[0]) throw new Error(`Repository ${repositoryId} has no versions`);
    return toVersion(rows[0]);
  }

  async list(filter: VersionFilter, window: Window): Promise<Found<RepositoryVersion>> {
    const where = new SqlFilter()
      .when(filter.repositoryId, 'v.repository_id = $?')
      .when(filter.ids, 'v.id = ANY($?::uuid[])')
      .when(filter.number, 'v.number = $?::bigint')
      .when(filter.numberRange?.gte, 'v.number >= $?::bigint')
      .when(filter.numberRange?.lte, 'v.number <= $?::bigint')
      .when(filter.numberRange?.gt, 'v.number > $?::bigint')
      .when(filter.numberRange?.lt, 'v.number < $?::bigint')
      .when(filter.created?.gte, 'v.pulp_created >= $?')
      .when(filter.created?.lte, 'v.pulp_created <= $?')
      .when(filter.created?.gt, 'v.pulp_created > $?')
      .when(filter.created?.lt, 'v.pulp_created < $?');
    addRepositoryScope(where, filter.scope, 'v.repository_id');
    for (const id of filter.containsContent ?? [])
      where.where(
        `EXISTS (SELECT 1 FROM repository_content rc WHERE rc.repository_id = v.repository_id AND rc.content_id = $? AND ${IN_VERSION('v.number')})`,
        id,
      );
    if (filter.containsAnyContent)
      where.where(
        `EXISTS (SELECT 1 FROM repository_content rc WHERE rc.repository_id = v.repository_id AND rc.content_id = ANY($?::uuid[]) AND ${IN_VERSION('v.number')})`,
        filter.containsAnyContent,
      );
    const count = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM repository_versions v ${where.sql()}`,
      where.params,
    );
    const limit = where.param(window.limit);
    const offset = where.param(window.offset);
    const { rows } = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM repository_versions v ${where.sql()} ${orderBy(filter.ordering, ORDER, 'v.number DESC, v.id')}
       LIMIT ${limit} OFFSET ${offset}`,
      where.params,
    );
    return { count: count.rows[0]!.n, results: rows.map(toVersion) };
  }

  async units(repositoryId: string, number: number): Promise<VersionUnit[]> {
    const { rows } = await this.db.query<{ id: string; pulp_type: string; repository_key: string; relative_path: string | null }>(
      `SELECT c.id, c.pulp_type, c.repository_key,
              (SELECT ca.relative_path FROM content_artifacts ca WHERE ca.content_id = c.id ORDER BY ca.relative_path LIMIT 1) AS relative_path
         FROM repository_content rc JOIN content c ON c.id = rc.content_id
        WHERE rc.repository_id = $1 AND ${IN_VERSION('$2')}`,
      [repositoryId, number],
    );
    return rows.map((r) => ({ id: r.id, pulpType: r.pulp_type, key: r.repository_key, relativePath: r.relative_path ?? '' }));
  }

  async contentIds(repositoryId: string, number: number): Promise<string[]> {
    const { rows } = await this.db.query<{ id: string }>(
      `SELECT rc.content_id AS id FROM repository_content rc WHERE rc.repository_id = $1 AND ${IN_VERSION('$2')}`,
      [repositoryId, number],
    );
    return rows.map((r) => r.id);
  }

  async artifacts(repositoryId: string, number: number): Promise<Array<{ id: string; sha256: string; size: number }>> {
    const { rows } = await this.db.query<{ id: string; sha256: string; size: number }>(
      `SELECT DISTINCT a.id, a.sha256, a.size
         FROM repository_content rc
         JOIN content_artifacts ca ON ca.content_id = rc.content_id
         JOIN artifacts a ON a.id = ca.artifact_id
        WHERE rc.repository_id = $1 AND ${IN_VERSION('$2')}`,
      [repositoryId, number],
    );
    return rows;
  }

  async applyDelta(repositoryId: string, number: number, add: string[], remove: string[]): Promise<void> {
    if (remove.length)
      await this.db.query(
        `UPDATE repository_content SET version_removed = $2
          WHERE repository_id = $1 AND version_removed IS NULL AND content_id = ANY($3::uuid[])`,
        [repositoryId, number, remove],
      );
    if (add.length)
      await this.db.query(
        `INSERT INTO repository_content (repository_id, content_id, version_added)
         SELECT $1, id, $2 FROM unnest($3::uuid[]) AS id`,
        [repositoryId, number, add],
      );
  }

  async counts(repositoryId: string, number: number): Promise<ContentCounts> {
    const { rows } = await this.db.query<{ pulp_type: string; added: number; removed: number; present: number }>(
      `SELECT c.pulp_type,
              count(*) FILTER (WHERE rc.version_added = $2)::int AS added,
              count(*) FILTER (WHERE rc.version_removed = $2)::int AS removed,
              count(*) FILTER (WHERE ${IN_VERSION('$2')})::int AS present
         FROM repository_content rc JOIN content c ON c.id = rc.content_id
        WHERE rc.repository_id = $1 AND rc.version_added <= $2
        GROUP BY c.pulp_type`,
      [repositoryId, number],
    );
    const counts: ContentCounts = { added: {}, removed: {}, present: {} };
    for (const r of rows) {
      if (r.added) counts.added[r.pulp_type] = r.added;
      if (r.removed) counts.removed[r.pulp_type] = r.removed;
      if (r.present) counts.present[r.pulp_type] = r.present;
    }
    return counts;
  }

  async delete(repositoryId: string, number: number): Promise<void> {
    const next = await this.db.query<{ n: number | null }>(
      'SELECT min(number) AS n FROM repository_versions WHERE repository_id = $1 AND number > $2',
      [repositoryId, number],
    );
    const nextNumber = next.rows[0]?.n ?? null;
    if (nextNumber !== null) {
      // Squash into the next version: units added here and removed there were never in any
      // surviving version; everything else moves its boundary to the next version.
      await this.db.query(
        'DELETE FROM repository_content WHERE repository_id = $1 AND version_added = $2 AND version_removed = $3',
        [repositoryId, number, nextNumber],
      );
      await this.db.query('UPDATE repository_content SET version_added = $3 WHERE repository_id = $1 AND version_added = $2', [
        repositoryId,
        number,
        nextNumber,
      ]);
      await this.db.query(
        'UPDATE repository_content SET version_removed = $3 WHERE repository_id = $1 AND version_removed = $2',
        [repositoryId, number, nextNumber],
      );
    } else {
      await this.db.query('DELETE FROM repository_content WHERE repository_id = $1 AND version_added = $2', [repositoryId, number]);
      await this.db.query(
        'UPDATE repository_content SET version_removed = NULL WHERE repository_id = $1 AND version_removed = $2',
        [repositoryId, number],
      );
    }
    await this.db.query('DELETE FROM repository_versions WHERE repository_id = $1 AND number = $2', [repositoryId, number]);
  }

  async servedVersionIds(repositoryId: string): Promise<Set<string>> {
    const { rows } = await this.db.query<{ id: string }>(
      `SELECT d.repository_version_id AS id FROM distributions d
         JOIN repository_versions v ON v.id = d.repository_version_id WHERE v.repository_id = $1
       UNION
       SELECT p.repository_version_id FROM distributions d
         JOIN publications p ON p.id = d.publication_id
         JOIN repository_versions v ON v.id = p.repository_version_id WHERE v.repository_id = $1`,
      [repositoryId],
    );
    return new Set(rows.map((r) => r.id));
  }

  async count(repositoryId: string): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM repository_versions WHERE repository_id = $1',
      [repositoryId],
    );
    return rows[0]!.n;
  }
}
