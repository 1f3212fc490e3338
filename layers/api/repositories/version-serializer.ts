import type { App } from '../../app/app';
import type { RepositoryVersion } from '../../core/models/repository';

/** A version with its content summary: counts per content type, each with the list href that shows them. */
export async function serializeVersion(app: App, v: RepositoryVersion): Promise<Record<string, unknown>> {
  const counts = await app.data.versions.counts(v.repositoryId, v.number);
  const base = v.baseVersionId ? await app.data.versions.byId(v.baseVersionId) : undefined;
  const href = app.hrefs.version(v.pulpType, v.repositoryId, v.number);
  const part = (byType: Record<string, number>, filter: string) =>
    Object.fromEntries(
      Object.entries(byType).map(([pulpType, count]) => {
        const endpoint = app.types.content.find(pulpType)?.names.endpoint ?? '/pulp/api/v3/content/';
        return [pulpType, { count, href: `${endpoint}?${filter}=${href}` }];
      }),
    );
  return {
    pulp_href: href,
    prn: app.hrefs.versionPrn(v.id),
    pulp_created: v.pulpCreated,
    pulp_last_updated: v.pulpLastUpdated,
    number: v.number,
    repository: app.hrefs.repository(v.pulpType, v.repositoryId),
    base_version: base ? app.hrefs.version(base.pulpType, base.repositoryId, base.number) : null,
    content_summary: {
      added: part(counts.added, 'repository_version_added'),
      removed: part(counts.removed, 'repository_version_removed'),
      present: part(counts.present, 'repository_version'),
    },
  };
}
