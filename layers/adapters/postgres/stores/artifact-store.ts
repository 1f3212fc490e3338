import { newId } from '../../../core/ids';
import type { Artifact, ArtifactDigests } from '../../../core/models/artifact';
import type { Found, Window } from '../../../core/models/page';
import type { ArtifactFilter, ArtifactStore } from '../../../core/ports/artifact-store';
import type { Queryable } from '../database';
import { orderBy } from '../ordering-sql';
import { SqlFilter } from '../sql-filter';

interface Row {
  id: string;
  size: number;
  sha256: string;
  md5: string | null;
  sha1: string | null;
  sha224: string | null;
  sha384: string | null;
  sha512: string | null;
  pulp_created: string;
  pulp_last_updated: string;
}

export const toArtifact = (r: Row): Artifact => ({
  id: r.id,
  size: r.size,
  sha256: r.sha256,
  md5: r.md5,
  sha1: r.sha1,
  sha224: r.sha224,
  sha384: r.sha384,
  sha512: r.sha512,
  pulpCreated: r.pulp_created,
  pulpLastUpdated: r.pulp_last_updated,
});

const COLUMNS = 'id, size, sha256, md5, sha1, sha224, sha384, sha512, pulp_created, pulp_last_updated';
const ORDER = { pulp_created: 'pulp_created', size: 'size', sha256: 'sha256' };

export class PgArtifactStore implements ArtifactStore {
  constructor(private readonly db: Queryable) {}

  async ensure(d: ArtifactDigests): Promise<Artifact> {
    return (await this.ensureMany([d]))[0]!;
  }

  async ensureMany(digests: readonly ArtifactDigests[]): Promise<Artifact[]> {
    // Known digests fill gaps in an existing row; the sha256 decides identity.
    // One row per sha256 (a statement may not touch a row twice), in sha256 order, so two
    // syncs recording overlapping files lock the rows in the same order and cannot deadlock.
    const unique = [...new Map(digests.map((d) => [d.sha256, d])).values()].sort((a, b) => (a.sha256 < b.sha256 ? -1 : a.sha256 > b.sha256 ? 1 : 0));
    const column = (pick: (d: ArtifactDigests) => string | number | null | undefined) => unique.map((d) => pick(d) ?? null);
    const { rows } = await this.db.query<Row>(
      `INSERT INTO artifacts (id, size, sha256, md5, sha1, sha224, sha384, sha512)
       SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
       ON CONFLICT (sha256) DO UPDATE SET
         timestamp_of_interest = clock_timestamp(),
         md5 = COALESCE(artifacts.md5, EXCLUDED.md5),
         sha1 = COALESCE(artifacts.sha1, EXCLUDED.sha1),
         sha224 = COALESCE(artifacts.sha224, EXCLUDED.sha224),
         sha384 = COALESCE(artifacts.sha384, EXCLUDED.sha384),
         sha512 = COALESCE(artifacts.sha512, EXCLUDED.sha512)
       RETURNING ${COLUMNS}`,
      [
        unique.map(() => newId()),
        column((d) => d.size),
        column((d) => d.sha256),
        column((d) => d.md5),
        column((d) => d.sha1),
        column((d) => d.sha224),
        column((d) => d.sha384),
        column((d) => d.sha512),
      ],
    );
    return rows.map(toArtifact);
  }

  async get(id: string): Promise<Artifact | undefined> {
    const { rows } = await this.db.query<Row>(`SELECT ${COLUMNS} FROM artifacts WHERE id = $1`, [id]);
    return rows[0] && toArtifact(rows[0]);
  }

  async bySha256(sha256: string): Promise<Artifact | undefined> {
    const { rows } = await this.db.query<Row>(`SELECT ${COLUMNS} FROM artifacts WHERE sha256 = $1`, [sha256]);
    return rows[0] && toArtifact(rows[0]);
  }

  async known(sha256s: string[]): Promise<Map<string, string>> {
    const { rows } = await this.db.query<{ id: string; sha256: string }>('SELECT id, sha256 FROM artifacts WHERE sha256 = ANY($1::text[])', [sha256s]);
    return new Map(rows.map((r) => [r.sha256, r.id]));
  }

  async list(filter: ArtifactFilter, window: Window): Promise<Found<Artifact>> {
    const where = new SqlFilter().when(filter.ids, 'id = ANY($?)');
    for (const [name, value] of Object.entries(filter.digests ?? {})) if (value !== undefined) where.where(`${name} = $?`, value);
    const count = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM artifacts ${where.sql()}`, where.params);
    const limit = where.param(window.limit);
    const offset = where.param(window.offset);
    const { rows } = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM artifacts ${where.sql()} ${orderBy(filter.ordering, ORDER, 'pulp_created DESC, id')} LIMIT ${limit} OFFSET ${offset}`,
      where.params,
    );
    return { count: count.rows[0]!.n, results: rows.map(toArtifact) };
  }

  async isUsed(id: string): Promise<boolean> {
    const { rows } = await this.db.query('SELECT 1 FROM content_artifacts WHERE artifact_id = $1 LIMIT 1', [id]);
    return rows.length > 0;
  }

  async delete(id: string): Promise<void> {
    await this.db.query('DELETE FROM artifacts WHERE id = $1', [id]);
  }
}
