import type { Queryable } from '../database';
import { likeEscape } from '../sql-filter';
import type { DeliveryReader, DirectoryEntry, PublishedFile, RemoteSource, Resolved } from '../../../plugins/file/delivery/delivery-reader';
import type { Publication } from '../../../plugins/file/model';
import { PgDistributionStore } from './distribution-store';
import { PgPublicationStore, PUBLICATION_SELECT, toPublication } from './publication-store';

const IN_VERSION = 'rc.version_added <= v.number AND (rc.version_removed IS NULL OR rc.version_removed > v.number)';

/** The content app's read side, in Postgres. */
export class PgDeliveryReader implements DeliveryReader {
  private readonly distributions: PgDistributionStore;
  private readonly publications: PgPublicationStore;

  constructor(private readonly db: Queryable) {
    this.distributions = new PgDistributionStore(db);
    this.publications = new PgPublicationStore(db);
  }

  async listBasePaths(): Promise<Array<{ basePath: string; name: string }>> {
    const { rows } = await this.db.query<{ base_path: string; name: string }>(
      'SELECT base_path, name FROM distributions WHERE NOT hidden ORDER BY base_path',
    );
    return rows.map((r) => ({ basePath: r.base_path, name: r.name }));
  }

  async resolve(path: string): Promise<Resolved | undefined> {
    const distribution = await this.distributions.longestMatch(path);
    if (!distribution) return undefined;
    const relativePath = path.replace(/^\/+/, '').slice(distribution.basePath.length).replace(/^\//, '');
    let publication: Publication | null = null;
    if (distribution.publicationId) publication = (await this.publications.get(distribution.publicationId)) ?? null;
    else if (distribution.repositoryVersionId) publication = await this.latestPublication('p.repository_version_id = $1', distribution.repositoryVersionId);
    else if (distribution.repositoryId) publication = await this.latestPublication('v.repository_id = $1', distribution.repositoryId);
    return { distribution, publication, relativePath };
  }

  private async latestPublication(cond: string, id: string): Promise<Publication | null> {
    const { rows } = await this.db.query<Parameters<typeof toPublication>[0]>(
      `${PUBLICATION_SELECT} WHERE p.complete AND ${cond} ORDER BY v.number DESC, p.pulp_created DESC LIMIT 1`,
      [id],
    );
    return rows[0] ? toPublication(rows[0]) : null;
  }

  async findFile(publicationId: string, relativePath: string): Promise<PublishedFile | undefined> {
    const meta = await this.db.query<{ storage_key: string; sha256: string; size: number }>(
      'SELECT storage_key, sha256, size FROM published_metadata WHERE publication_id = $1 AND relative_path = $2',
      [publicationId, relativePath],
    );
    if (meta.rows[0]) return { kind: 'metadata', relativePath, storageKey: meta.rows[0].storage_key, sha256: meta.rows[0].sha256, size: meta.rows[0].size };
    const { rows } = await this.db.query<{ ca_id: string; digest: string; size: number | null; a_size: number | null; artifact_id: string | null }>(
      `SELECT ca.id AS ca_id, f.digest, f.size, a.size AS a_size, ca.artifact_id
         FROM publications p
         JOIN repository_versions v ON v.id = p.repository_version_id
         JOIN repository_content rc ON rc.repository_id = v.repository_id AND ${IN_VERSION}
         JOIN file_content f ON f.content_id = rc.content_id
         JOIN content_artifacts ca ON ca.content_id = f.content_id
         LEFT JOIN artifacts a ON a.id = ca.artifact_id
        WHERE p.id = $1 AND f.relative_path = $2
        LIMIT 1`,
      [publicationId, relativePath],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (row.artifact_id) return { kind: 'artifact', relativePath, contentArtifactId: row.ca_id, sha256: row.digest, size: row.a_size ?? row.size ?? 0 };
    const remotes = await this.db.query<{ id: string; remote_id: string; url: string; sha256: string | null; size: number | null; failed_at: string | null; policy: RemoteSource['policy'] }>(
      `SELECT ra.id, ra.remote_id, ra.url, ra.sha256, ra.size, ra.failed_at, r.policy
         FROM remote_artifacts ra JOIN remotes r ON r.id = ra.remote_id
        WHERE ra.content_artifact_id = $1 ORDER BY ra.pulp_created`,
      [row.ca_id],
    );
    return {
      kind: 'remote',
      relativePath,
      contentArtifactId: row.ca_id,
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
