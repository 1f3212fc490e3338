import type { Queryable } from '../database';
import { addTextFilter, SqlFilter } from '../sql-filter';
import { newId } from '../../../core/ids';
import { FILE_TYPE, type FileContent } from '../../../plugins/file/model';
import type { PathUnit } from '../../../plugins/file/path-rules';
import type { ContentFilter, ContentStore, Found, NewFileContent, NewRemoteArtifact, Window } from '../../../plugins/file/ports';
import { orderBy } from './ordering-sql';

interface Row {
  id: string;
  pulp_labels: Record<string, string>;
  pulp_created: string;
  pulp_last_updated: string;
  relative_path: string;
  digest: string;
  size: number | null;
  a_id: string | null;
  a_size: number | null;
  md5: string | null;
  sha1: string | null;
  sha224: string | null;
  sha384: string | null;
  sha512: string | null;
  a_created: string | null;
  a_updated: string | null;
}

const toContent = (r: Row): FileContent => ({
  id: r.id,
  pulpType: FILE_TYPE,
  relativePath: r.relative_path,
  sha256: r.digest,
  size: r.size,
  pulpLabels: r.pulp_labels,
  artifact:
    r.a_id === null
      ? null
      : {
          id: r.a_id,
          size: r.a_size ?? 0,
          sha256: r.digest,
          md5: r.md5,
          sha1: r.sha1,
          sha224: r.sha224,
          sha384: r.sha384,
          sha512: r.sha512,
          pulpCreated: r.a_created ?? '',
          pulpLastUpdated: r.a_updated ?? '',
        },
  pulpCreated: r.pulp_created,
  pulpLastUpdated: r.pulp_last_updated,
});

const SELECT = `SELECT c.id, c.pulp_labels, c.pulp_created, c.pulp_last_updated, f.relative_path, f.digest, f.size,
    a.id AS a_id, a.size AS a_size, a.md5, a.sha1, a.sha224, a.sha384, a.sha512,
    a.pulp_created AS a_created, a.pulp_last_updated AS a_updated
  FROM content c
  JOIN file_content f ON f.content_id = c.id
  LEFT JOIN content_artifacts ca ON ca.content_id = c.id
  LEFT JOIN artifacts a ON a.id = ca.artifact_id`;

const ORDER = { pulp_created: 'c.pulp_created', relative_path: 'f.relative_path', sha256: 'f.digest' };
const BATCH = 1000;

const membership = (alias: string, n: string) =>
  `${alias}.version_added <= ${n} AND (${alias}.version_removed IS NULL OR ${alias}.version_removed > ${n})`;

export class PgContentStore implements ContentStore {
  constructor(private readonly db: Queryable) {}

  async ensure(units: NewFileContent[]): Promise<FileContent[]> {
    const out: FileContent[] = [];
    for (let i = 0; i < units.length; i += BATCH) out.push(...(await this.ensureBatch(units.slice(i, i + BATCH))));
    return out;
  }

  private async ensureBatch(units: NewFileContent[]): Promise<FileContent[]> {
    const ids = units.map(() => newId());
    const paths = units.map((u) => u.relativePath);
    const digests = units.map((u) => u.sha256);
    const sizes = units.map((u) => u.size);
    const artifacts = units.map((u) => u.artifactId);
    const labels = units.map((u) => JSON.stringify(u.pulpLabels ?? {}));
    const input = `SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bigint[], $5::uuid[], $6::jsonb[])
                     AS t(id, relative_path, digest, size, artifact_id, labels)`;
    const params = [ids, paths, digests, sizes, artifacts, labels];
    // New units: a content row plus its detail; a concurrent twin makes the detail a no-op and
    // the dangling content row is dropped below.
    const inserted = await this.db.query<{ id: string }>(
      `WITH input AS (${input}),
       missing AS (
         SELECT DISTINCT ON (i.relative_path, i.digest) i.* FROM input i
          WHERE NOT EXISTS (SELECT 1 FROM file_content f WHERE f.relative_path = i.relative_path AND f.digest = i.digest)),
       content_rows AS (
         INSERT INTO content (id, pulp_type, pulp_labels) SELECT id, '${FILE_TYPE}', labels FROM missing RETURNING id)
       INSERT INTO file_content (content_id, relative_path, digest, size)
       SELECT m.id, m.relative_path, m.digest, m.size FROM missing m JOIN content_rows r ON r.id = m.id
       ON CONFLICT (pulp_type, relative_path, digest) DO NOTHING
       RETURNING content_id AS id`,
      params,
    );
    const made = new Set(inserted.rows.map((r) => r.id));
    const dangling = ids.filter((id) => !made.has(id));
    if (dangling.length)
      await this.db.query(
        `DELETE FROM content c WHERE c.id = ANY($1::uuid[]) AND NOT EXISTS (SELECT 1 FROM file_content f WHERE f.content_id = c.id)`,
        [dangling],
      );
    await this.db.query(
      `WITH input AS (${input}),
       wanted AS (
         SELECT DISTINCT ON (f.content_id) f.content_id, i.relative_path, i.artifact_id
           FROM input i JOIN file_content f ON f.relative_path = i.relative_path AND f.digest = i.digest
          ORDER BY f.content_id, i.artifact_id NULLS LAST),
       touched AS (
         UPDATE content SET timestamp_of_interest = clock_timestamp() WHERE id IN (SELECT content_id FROM wanted))
       INSERT INTO content_artifacts (id, content_id, artifact_id, relative_path)
       SELECT gen_random_uuid(), content_id, artifact_id, relative_path FROM wanted
       ON CONFLICT (content_id, relative_path) DO UPDATE
         SET artifact_id = COALESCE(content_artifacts.artifact_id, EXCLUDED.artifact_id),
             pulp_last_updated = clock_timestamp()
         WHERE content_artifacts.artifact_id IS NULL AND EXCLUDED.artifact_id IS NOT NULL`,
      params,
    );
    const { rows } = await this.db.query<Row>(
      `${SELECT} JOIN unnest($1::text[], $2::text[]) AS k(relative_path, digest)
         ON f.relative_path = k.relative_path AND f.digest = k.digest`,
      [paths, digests],
    );
    const byKey = new Map(rows.map((r) => [`${r.relative_path}\u0000${r.digest}`, toContent(r)]));
    return units.map((u) => byKey.get(`${u.relativePath}\u0000${u.sha256}`)!);
  }

  async get(id: string): Promise<FileContent | undefined> {
    const { rows } = await this.db.query<Row>(`${SELECT} WHERE c.id = $1`, [id]);
    return rows[0] && toContent(rows[0]);
  }

  async pathUnits(ids: string[]): Promise<PathUnit[]> {
    const { rows } = await this.db.query<{ id: string; relative_path: string }>(
      'SELECT content_id AS id, relative_path FROM file_content WHERE content_id = ANY($1::uuid[])',
      [ids],
    );
    return rows.map((r) => ({ id: r.id, relativePath: r.relative_path }));
  }

  async list(filter: ContentFilter, window: Window): Promise<Found<FileContent>> {
    const where = new SqlFilter().when(filter.ids, 'c.id = ANY($?::uuid[])').when(filter.sha256, 'f.digest = $?');
    addTextFilter(where, 'f.relative_path', filter.relativePath);
    where.labels('c.pulp_labels', filter.labels);
    if (filter.inVersion) {
      const repo = where.param(filter.inVersion.repositoryId);
      const n = where.param(filter.inVersion.number);
      where.where(`EXISTS (SELECT 1 FROM repository_content rc WHERE rc.content_id = c.id AND rc.repository_id = ${repo} AND ${membership('rc', n)})`);
    }
    if (filter.addedIn)
      where.where(
        'EXISTS (SELECT 1 FROM repository_content rc WHERE rc.content_id = c.id AND rc.repository_id = $? AND rc.version_added = $?)',
        filter.addedIn.repositoryId,
        filter.addedIn.number,
      );
    if (filter.removedIn)
      where.where(
        'EXISTS (SELECT 1 FROM repository_content rc WHERE rc.content_id = c.id AND rc.repository_id = $? AND rc.version_removed = $?)',
        filter.removedIn.repositoryId,
        filter.removedIn.number,
      );
    const count = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM content c JOIN file_content f ON f.content_id = c.id ${where.sql()}`,
      where.params,
    );
    const limit = where.param(window.limit);
    const offset = where.param(window.offset);
    const { rows } = await this.db.query<Row>(
      `${SELECT} ${where.sql()} ${orderBy(filter.ordering, ORDER, 'c.pulp_created DESC, c.id')} LIMIT ${limit} OFFSET ${offset}`,
      where.params,
    );
    return { count: count.rows[0]!.n, results: rows.map(toContent) };
  }

  async addRemoteArtifacts(items: NewRemoteArtifact[]): Promise<void> {
    for (let i = 0; i < items.length; i += BATCH) {
      const batch = items.slice(i, i + BATCH);
      await this.db.query(
        `INSERT INTO remote_artifacts (id, content_artifact_id, remote_id, url, sha256, size)
         SELECT gen_random_uuid(), ca.id, t.remote_id, t.url, t.sha256, t.size
           FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::bigint[]) AS t(content_id, remote_id, url, sha256, size)
           JOIN content_artifacts ca ON ca.content_id = t.content_id
         ON CONFLICT (content_artifact_id, remote_id) DO UPDATE
           SET url = EXCLUDED.url, sha256 = EXCLUDED.sha256, size = EXCLUDED.size, failed_at = NULL,
               pulp_last_updated = clock_timestamp()`,
        [
          batch.map((b) => b.contentId),
          batch.map((b) => b.remoteId),
          batch.map((b) => b.url),
          batch.map((b) => b.sha256),
          batch.map((b) => b.size),
        ],
      );
    }
  }

  async orphanIds(before: Date, restrictTo?: string[]): Promise<string[]> {
    const where = new SqlFilter()
      .where('c.timestamp_of_interest < $?', before)
      .where('NOT EXISTS (SELECT 1 FROM repository_content rc WHERE rc.content_id = c.id)')
      .when(restrictTo, 'c.id = ANY($?::uuid[])');
    const { rows } = await this.db.query<{ id: string }>(`SELECT c.id FROM content c ${where.sql()}`, where.params);
    return rows.map((r) => r.id);
  }

  async deleteMany(ids: string[]): Promise<void> {
    await this.db.query('DELETE FROM content WHERE id = ANY($1::uuid[])', [ids]);
  }

  async orphanArtifacts(before: Date): Promise<Array<{ id: string; sha256: string }>> {
    const { rows } = await this.db.query<{ id: string; sha256: string }>(
      `SELECT a.id, a.sha256 FROM artifacts a
        WHERE a.timestamp_of_interest < $1
          AND NOT EXISTS (SELECT 1 FROM content_artifacts ca WHERE ca.artifact_id = a.id)`,
      [before],
    );
    return rows;
  }

  async deleteArtifacts(ids: string[]): Promise<void> {
    await this.db.query('DELETE FROM artifacts WHERE id = ANY($1::uuid[])', [ids]);
  }
}
