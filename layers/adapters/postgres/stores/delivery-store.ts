import type { Distribution } from '../../../core/models/distribution';
import type { IndexedFile } from '../../../core/ports/delivery-index';
import type { DeliveryReader, DirectoryEntry, PublishedFile, RemoteSource, Resolved, ServedSource, ServedVersion } from '../../../core/ports/delivery-reader';
import type { Queryable } from '../database';
import { likeEscape } from '../sql-filter';
import { toDistribution, type DistributionRow } from './distribution-store';
import { PUBLICATION_COLUMNS, toPublication, type PublicationRow } from './publication-store';

type Prefixed<T> = { [K in keyof T as `p_${K & string}`]: T[K] | null };

/** The publication's columns of a resolve row, without their `p_` prefix. */
function unprefixed(row: object): PublicationRow {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (k.startsWith('p_')) out[k.slice(2)] = v;
  return out as unknown as PublicationRow;
}

const IN_VERSION = 'rc.version_added <= $2 AND (rc.version_removed IS NULL OR rc.version_removed > $2)';

interface VersionColumns {
  v_id: string | null;
  v_repository_id: string | null;
  v_number: number | null;
}

/** Whether a source serves the version's content at its relative paths. */
const servesContent = (source: ServedSource): boolean => source.kind === 'version' || source.passThrough;

/** How a distribution of a type serves a repository or a version: through a publication, or directly. */
export type ServeFrom = (distributionType: string) => 'publication' | 'version';

/**
 * The content app's read side, in Postgres, for every content type (content artifacts carry the
 * served paths). It is what the delivery index is built from; the content function itself reads
 * the index.
 */
export class PgDeliveryReader implements DeliveryReader {
  constructor(
    private readonly db: Queryable,
    private readonly serveFrom: ServeFrom,
  ) {}

  async listBasePaths(): Promise<Array<{ basePath: string; name: string }>> {
    const { rows } = await this.db.query<{ base_path: string; name: string }>(
      'SELECT base_path, name FROM distributions WHERE NOT hidden ORDER BY base_path',
    );
    return rows.map((r) => ({ basePath: r.base_path, name: r.name }));
  }

  /**
   * One round trip: the longest-matching distribution, the publication it serves (explicit,
   * else the latest complete one of its version, else of its repository) and the version it
   * serves (explicit, else its repository's latest). Always read fresh.
   */
  async resolve(path: string): Promise<Resolved | undefined> {
    const segments = path.split('/').filter((s) => s !== '');
    const candidates = segments.map((_, i) => segments.slice(0, i + 1).join('/'));
    if (!candidates.length) return undefined;
    const pub = (where: string) =>
      `SELECT ${PUBLICATION_COLUMNS} FROM publications p JOIN repository_versions v ON v.id = p.repository_version_id WHERE ${where}`;
    const prefixedPub = (where: string) => `SELECT x.id AS p_id, x.pulp_type AS p_pulp_type, x.repository_version_id AS p_repository_version_id,
              x.repository_id AS p_repository_id, x.repository_type AS p_repository_type, x.number AS p_number, x.extra AS p_extra,
              x.pass_through AS p_pass_through, x.checkpoint AS p_checkpoint, x.complete AS p_complete,
              x.pulp_created AS p_pulp_created, x.pulp_last_updated AS p_pulp_last_updated FROM (${pub(where)}) x`;
    // The three branches exclude each other, so each lateral yields at most one row.
    const { rows } = await this.db.query<DistributionRow & Prefixed<PublicationRow> & VersionColumns>(
      `WITH d AS (SELECT * FROM distributions WHERE base_path = ANY($1::text[]) ORDER BY length(base_path) DESC LIMIT 1)
       SELECT d.*, pub.*, ver.* FROM d
       LEFT JOIN LATERAL (
         (${prefixedPub('p.id = d.publication_id')})
         UNION ALL
         (${prefixedPub('d.publication_id IS NULL AND p.complete AND p.repository_version_id = d.repository_version_id')}
          ORDER BY p_number DESC, p_pulp_created DESC LIMIT 1)
         UNION ALL
         (${prefixedPub('d.publication_id IS NULL AND d.repository_version_id IS NULL AND p.complete AND v.repository_id = d.repository_id')}
          ORDER BY p_number DESC, p_pulp_created DESC LIMIT 1)
       ) pub ON true
       LEFT JOIN LATERAL (
         SELECT v.id AS v_id, v.repository_id AS v_repository_id, v.number AS v_number FROM repository_versions v
          WHERE v.id = d.repository_version_id
             OR (d.repository_version_id IS NULL AND v.repository_id = d.repository_id)
          ORDER BY v.number DESC LIMIT 1
       ) ver ON true`,
      [candidates],
    );
    const row = rows[0];
    if (!row) return undefined;
    const distribution = toDistribution(row);
    const relativePath = path.replace(/^\/+/, '').slice(distribution.basePath.length).replace(/^\//, '');
    return { distribution, source: this.chooseSource(distribution, row), relativePath };
  }

  /** What a distribution serves: an explicit publication; else, as its type says, the latest publication or the version. */
  private chooseSource(distribution: Distribution, row: Prefixed<PublicationRow> & VersionColumns): ServedSource | null {
    const publication = row.p_id ? toPublication(unprefixed(row)) : null;
    const fromPublication = publication
      ? ({
          kind: 'publication',
          publicationId: publication.id,
          passThrough: publication.passThrough,
          version: { id: publication.repositoryVersionId, repositoryId: publication.repositoryId, number: publication.versionNumber },
        } as const)
      : null;
    if (distribution.publicationId || this.serveFrom(distribution.pulpType) === 'publication') return fromPublication;
    const version: ServedVersion | null = row.v_id ? { id: row.v_id, repositoryId: row.v_repository_id!, number: row.v_number! } : null;
    return version ? { kind: 'version', version } : null;
  }

  /** What a distribution serves now, by id (the delivery index is written from this). */
  async serving(distributionId: string): Promise<{ distribution: Distribution; source: ServedSource | null } | undefined> {
    const { rows } = await this.db.query<{ base_path: string }>('SELECT base_path FROM distributions WHERE id = $1', [distributionId]);
    if (!rows[0]) return undefined;
    const resolved = await this.resolve(rows[0].base_path);
    return resolved && resolved.distribution.id === distributionId ? { distribution: resolved.distribution, source: resolved.source } : undefined;
  }

  /** Ids of the distributions that serve a repository (directly, by a version of it, or by a publication of it). */
  async distributionsOfRepository(repositoryId: string): Promise<string[]> {
    const { rows } = await this.db.query<{ id: string }>(
      `SELECT d.id FROM distributions d
        WHERE d.repository_id = $1
           OR d.repository_version_id IN (SELECT id FROM repository_versions WHERE repository_id = $1)
           OR d.publication_id IN (SELECT p.id FROM publications p JOIN repository_versions v ON v.id = p.repository_version_id WHERE v.repository_id = $1)`,
      [repositoryId],
    );
    return rows.map((r) => r.id);
  }

  async allDistributionIds(): Promise<string[]> {
    const { rows } = await this.db.query<{ id: string }>('SELECT id FROM distributions ORDER BY base_path');
    return rows.map((r) => r.id);
  }

  /** Every file a source serves, a page at a time (the delivery index is written from these). */
  async *sourceFiles(source: ServedSource, pageSize = 1000): AsyncIterable<IndexedFile> {
    if (source.kind === 'publication') {
      const { rows } = await this.db.query<{ relative_path: string; storage_key: string; sha256: string; size: number; pulp_created: string }>(
        'SELECT relative_path, storage_key, sha256, size, pulp_created FROM published_metadata WHERE publication_id = $1 ORDER BY relative_path',
        [source.publicationId],
      );
      for (const m of rows) {
        yield { kind: 'metadata', relativePath: m.relative_path, storageKey: m.storage_key, sha256: m.sha256, size: Number(m.size), modified: m.pulp_created };
      }
    }
    if (!servesContent(source)) return;
    let after = '';
    for (;;) {
      const { rows } = await this.db.query<{ ca_id: string; relative_path: string; artifact_id: string | null; sha256: string | null; size: number | null; modified: string }>(
        `SELECT ca.id AS ca_id, ca.relative_path, ca.artifact_id, a.sha256, a.size, c.pulp_created AS modified
           FROM repository_content rc
           JOIN content c ON c.id = rc.content_id
           JOIN content_artifacts ca ON ca.content_id = rc.content_id
           LEFT JOIN artifacts a ON a.id = ca.artifact_id
          WHERE rc.repository_id = $1 AND ${IN_VERSION} AND ca.relative_path > $3
          ORDER BY ca.relative_path LIMIT $4`,
        [source.version.repositoryId, source.version.number, after, pageSize],
      );
      for (const row of rows) {
        if (row.artifact_id) {
          yield { kind: 'artifact', relativePath: row.relative_path, contentArtifactId: row.ca_id, sha256: row.sha256!, size: Number(row.size), modified: row.modified };
        } else {
          const remote = await this.remoteFile(row.ca_id, row.relative_path);
          if (remote) yield { ...remote, modified: row.modified };
        }
      }
      if (rows.length < pageSize) return;
      after = rows.at(-1)!.relative_path;
    }
  }

  /** Content without an artifact: where remotes offer it (on-demand, streamed). */
  private async remoteFile(contentArtifactId: string, relativePath: string): Promise<PublishedFile | undefined> {
    const remotes = await this.db.query<{
      id: string;
      remote_id: string;
      url: string;
      sha256: string | null;
      size: number | null;
      failed_at: string | null;
      policy: RemoteSource['policy'];
    }>(
      `SELECT ra.id, ra.remote_id, ra.url, ra.sha256, ra.size, ra.failed_at, r.policy
         FROM remote_artifacts ra JOIN remotes r ON r.id = ra.remote_id
        WHERE ra.content_artifact_id = $1 ORDER BY ra.pulp_created`,
      [contentArtifactId],
    );
    const sources = remotes.rows.map((r) => ({ id: r.id, remoteId: r.remote_id, url: r.url, sha256: r.sha256, size: r.size === null ? null : Number(r.size), failedAt: r.failed_at, policy: r.policy }));
    const known = sources.find((s) => s.sha256);
    if (!known) return undefined;
    return { kind: 'remote', relativePath, contentArtifactId, sha256: known.sha256!, size: known.size, remotes: sources };
  }

  /** The publication's own metadata file first, else the version's content at that path. */
  async findFile(source: ServedSource, relativePath: string): Promise<PublishedFile | undefined> {
    if (source.kind === 'publication') {
      const { rows } = await this.db.query<{ storage_key: string; sha256: string; size: number }>(
        'SELECT storage_key, sha256, size FROM published_metadata WHERE publication_id = $1 AND relative_path = $2',
        [source.publicationId, relativePath],
      );
      const m = rows[0];
      if (m) return { kind: 'metadata', relativePath, storageKey: m.storage_key, sha256: m.sha256, size: Number(m.size) };
    }
    if (!servesContent(source)) return undefined;
    const { rows } = await this.db.query<{ ca_id: string; artifact_id: string | null; sha256: string | null; size: number | null }>(
      `SELECT ca.id AS ca_id, ca.artifact_id, a.sha256, a.size
         FROM content_artifacts ca
         JOIN repository_content rc ON rc.content_id = ca.content_id AND rc.repository_id = $1 AND ${IN_VERSION}
         LEFT JOIN artifacts a ON a.id = ca.artifact_id
        WHERE ca.relative_path = $3
        LIMIT 1`,
      [source.version.repositoryId, source.version.number, relativePath],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (row.artifact_id) return { kind: 'artifact', relativePath, contentArtifactId: row.ca_id, sha256: row.sha256!, size: Number(row.size) };
    return this.remoteFile(row.ca_id, relativePath);
  }

  async listDirectory(source: ServedSource, dirPath: string): Promise<DirectoryEntry[]> {
    const prefix = `${likeEscape(dirPath)}%`;
    const parts: string[] = [];
    const params: unknown[] = [source.version.repositoryId, source.version.number, prefix, dirPath.length + 1];
    if (servesContent(source))
      parts.push(`SELECT substr(ca.relative_path, $4) AS rest, COALESCE(a.size, (SELECT ra.size FROM remote_artifacts ra WHERE ra.content_artifact_id = ca.id LIMIT 1)) AS size,
                         c.pulp_created AS modified
                    FROM repository_content rc
                    JOIN content c ON c.id = rc.content_id
                    JOIN content_artifacts ca ON ca.content_id = c.id
                    LEFT JOIN artifacts a ON a.id = ca.artifact_id
                   WHERE rc.repository_id = $1 AND ${IN_VERSION} AND ca.relative_path LIKE $3`);
    if (source.kind === 'publication') {
      params.push(source.publicationId);
      parts.push(`SELECT substr(m.relative_path, $4), m.size, m.pulp_created FROM published_metadata m
                   WHERE m.publication_id = $5 AND m.relative_path LIKE $3`);
    }
    if (!parts.length) return [];
    const { rows } = await this.db.query<{ rest: string; size: number | null; modified: string }>(parts.join('\nUNION ALL\n'), params);
    const entries = new Map<string, DirectoryEntry>();
    for (const r of rows) {
      const slash = r.rest.indexOf('/');
      if (slash < 0) entries.set(r.rest, { name: r.rest, isDirectory: false, size: r.size === null ? null : Number(r.size), modified: r.modified });
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
}
