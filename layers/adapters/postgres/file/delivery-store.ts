import type { Queryable } from '../database';
import { likeEscape } from '../sql-filter';
import type { DeliveryReader, DirectoryEntry, PublishedFile, RemoteSource, Resolved } from '../../../plugins/file/delivery/delivery-reader';
import { toDistribution, type DistributionRow } from './distribution-store';
import { toPublication, type PublicationRow } from './publication-store';

type Prefixed<T> = { [K in keyof T as `p_${K & string}`]: T[K] | null };

/** The publication's columns of a resolve row, without their `p_` prefix. */
function unprefixed(row: object): PublicationRow {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (k.startsWith('p_')) out[k.slice(2)] = v;
  return out as unknown as PublicationRow;
}

const IN_VERSION = 'rc.version_added <= v.number AND (rc.version_removed IS NULL OR rc.version_removed > v.number)';

/** The content app's read side, in Postgres. */
export class PgDeliveryReader implements DeliveryReader {
  constructor(private readonly db: Queryable) {}

  async listBasePaths(): Promise<Array<{ basePath: string; name: string }>> {
    const { rows } = await this.db.query<{ base_path: string; name: string }>(
      'SELECT base_path, name FROM distributions WHERE NOT hidden ORDER BY base_path',
    );
    return rows.map((r) => ({ basePath: r.base_path, name: r.name }));
  }

  /**
   * One round trip: the longest-matching distribution and the publication it serves (explicit,
   * else the latest complete one of its repository version, else of its repository). Always
   * read fresh: distributions and publications change at any moment.
   */
  async resolve(path: string): Promise<Resolved | undefined> {
    const segments = path.split('/').filter((s) => s !== '');
    const candidates = segments.map((_, i) => segments.slice(0, i + 1).join('/'));
    if (!candidates.length) return undefined;
    const pub = (where: string) =>
      `SELECT p.id AS p_id, p.pulp_type AS p_pulp_type, p.repository_version_id AS p_repository_version_id,
              v.repository_id AS p_repository_id, v.number AS p_number, p.manifest AS p_manifest,
              p.pass_through AS p_pass_through, p.checkpoint AS p_checkpoint, p.complete AS p_complete,
              p.pulp_created AS p_pulp_created, p.pulp_last_updated AS p_pulp_last_updated
         FROM publications p JOIN repository_versions v ON v.id = p.repository_version_id WHERE ${where}`;
    // The three branches exclude each other, so the lateral yields at most one publication.
    const { rows } = await this.db.query<DistributionRow & Prefixed<PublicationRow>>(
      `WITH d AS (SELECT * FROM distributions WHERE base_path = ANY($1::text[]) ORDER BY length(base_path) DESC LIMIT 1)
       SELECT d.*, pub.* FROM d LEFT JOIN LATERAL (
         (${pub('p.id = d.publication_id')})
         UNION ALL
         (${pub('d.publication_id IS NULL AND p.complete AND p.repository_version_id = d.repository_version_id')}
          ORDER BY v.number DESC, p.pulp_created DESC LIMIT 1)
         UNION ALL
         (${pub('d.publication_id IS NULL AND d.repository_version_id IS NULL AND p.complete AND v.repository_id = d.repository_id')}
          ORDER BY v.number DESC, p.pulp_created DESC LIMIT 1)
       ) pub ON true`,
      [candidates],
    );
    const row = rows[0];
    if (!row) return undefined;
    const distribution = toDistribution(row);
    const relativePath = path.replace(/^\/+/, '').slice(distribution.basePath.length).replace(/^\//, '');
    const publication = row.p_id ? toPublication(unprefixed(row)) : null;
    return { distribution, publication, relativePath };
  }

  /** One round trip: the publication's own metadata file first, else the content at that path. */
  async findFile(publicationId: string, relativePath: string): Promise<PublishedFile | undefined> {
    const { rows } = await this.db.query<{
      rank: number;
      storage_key: string | null;
      ca_id: string | null;
      digest: string;
      size: number | null;
      a_size: number | null;
      artifact_id: string | null;
    }>(
      `(SELECT 0 AS rank, m.storage_key, NULL::uuid AS ca_id, m.sha256 AS digest, m.size, NULL::bigint AS a_size, NULL::uuid AS artifact_id
          FROM published_metadata m
         WHERE m.publication_id = $1 AND m.relative_path = $2)
       UNION ALL
       (SELECT 1, NULL, ca.id, f.digest, f.size, a.size, ca.artifact_id
          FROM publications p
          JOIN repository_versions v ON v.id = p.repository_version_id
          JOIN repository_content rc ON rc.repository_id = v.repository_id AND ${IN_VERSION}
          JOIN file_content f ON f.content_id = rc.content_id
          JOIN content_artifacts ca ON ca.content_id = f.content_id
          LEFT JOIN artifacts a ON a.id = ca.artifact_id
         WHERE p.id = $1 AND f.relative_path = $2
         LIMIT 1)
       ORDER BY rank LIMIT 1`,
      [publicationId, relativePath],
    );
    if (rows[0]?.rank === 0) {
      const m = rows[0];
      return { kind: 'metadata', relativePath, storageKey: m.storage_key!, sha256: m.digest, size: m.size! };
    }
    const row = rows[0];
    if (!row) return undefined;
    if (row.artifact_id) return { kind: 'artifact', relativePath, contentArtifactId: row.ca_id!, sha256: row.digest, size: row.a_size ?? row.size ?? 0 };
    const remotes = await this.db.query<{ id: string; remote_id: string; url: string; sha256: string | null; size: number | null; failed_at: string | null; policy: RemoteSource['policy'] }>(
      `SELECT ra.id, ra.remote_id, ra.url, ra.sha256, ra.size, ra.failed_at, r.policy
         FROM remote_artifacts ra JOIN remotes r ON r.id = ra.remote_id
        WHERE ra.content_artifact_id = $1 ORDER BY ra.pulp_created`,
      [row.ca_id],
    );
    return {
      kind: 'remote',
      relativePath,
      contentArtifactId: row.ca_id!,
      sha256: row.digest,
      size: row.size,
      remotes: remotes.rows.map((r) => ({ id: r.id, remoteId: r.remote_id, url: r.url, sha256: r.sha256, size: r.size, failedAt: r.failed_at, policy: r.policy })),
    };
  }

  async listDirectory(publicationId: string, dirPath: string): Promise<DirectoryEntry[]> {
    const prefix = `${likeEscape(dirPath)}%`;
    const { rows } = await this.db.query<{ rest: string; size: number | null; modified: string }>(
      `SELECT substr(f.relative_path, $3) AS rest, COALESCE(f.size, a.size) AS size, c.pulp_created AS modified
         FROM publications p
         JOIN repository_versions v ON v.id = p.repository_version_id
         JOIN repository_content rc ON rc.repository_id = v.repository_id AND ${IN_VERSION}
         JOIN content c ON c.id = rc.content_id
         JOIN file_content f ON f.content_id = c.id
         LEFT JOIN content_artifacts ca ON ca.content_id = c.id
         LEFT JOIN artifacts a ON a.id = ca.artifact_id
        WHERE p.id = $1 AND f.relative_path LIKE $2
       UNION ALL
       SELECT substr(m.relative_path, $3), m.size, m.pulp_created FROM published_metadata m
        WHERE m.publication_id = $1 AND m.relative_path LIKE $2`,
      [publicationId, prefix, dirPath.length + 1],
    );
    const entries = new Map<string, DirectoryEntry>();
    for (const r of rows) {
      const slash = r.rest.indexOf('/');
      if (slash < 0) entries.set(r.rest, { name: r.rest, isDirectory: false, size: r.size, modified: r.modified });
      else {
        const name = r.rest.slice(0, slash);
        const seen = entries.get(`${name}/`);
        if (!seen || seen.modified < r.modified) entries.set(`${name}/`, { name, isDirectory: true, size: null, modified: r.modified });
      }
    }
    return [...entries.values()].sort((a, b) =>
      a.isDirectory !== b.isDirectory ? (a.isDirectory ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
  }

  async attachArtifact(contentArtifactId: string, artifactId: string): Promise<void> {
    await this.db.query(
      'UPDATE content_artifacts SET artifact_id = $2, pulp_last_updated = clock_timestamp() WHERE id = $1 AND artifact_id IS NULL',
      [contentArtifactId, artifactId],
    );
  }

  async markRemoteArtifactFailed(remoteArtifactId: string): Promise<void> {
    await this.db.query('UPDATE remote_artifacts SET failed_at = clock_timestamp() WHERE id = $1', [remoteArtifactId]);
  }
}
