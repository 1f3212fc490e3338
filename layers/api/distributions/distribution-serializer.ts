import type { App } from '../../app/app';
import type { Distribution } from '../../core/models/distribution';
import { extraForResponse } from '../common/extra-fields';
import { guardHref, guardPrn } from '../content-guards/guard-names';

export async function serializeDistribution(app: App, d: Distribution): Promise<Record<string, unknown>> {
  const type = app.types.distributions.find(d.pulpType);
  const def = type?.definition;
  const origins = { content: app.config.contentOrigin ?? '', api: app.config.apiOrigin ?? app.config.contentOrigin ?? '' };
  const repositoryType = def?.repositoryType ?? d.pulpType;
  const lastChange = await app.data.distributions.lastContentChange(d);
  const guard = d.contentGuardId ? await app.access.guards.get(d.contentGuardId) : undefined;
  const out: Record<string, unknown> = {
    pulp_href: type ? app.hrefs.distribution(d.pulpType, d.id) : `/pulp/api/v3/distributions/${d.id}/`,
    prn: type ? app.hrefs.prn('distributions', d.pulpType, d.id) : `prn:core.distribution:${d.id}`,
    pulp_created: d.pulpCreated,
    pulp_last_updated: d.pulpLastUpdated,
    base_path: d.basePath,
    base_url: def?.baseUrl ? def.baseUrl(d, origins) : `${origins.content}/pulp/content/${d.basePath}/`,
    content_guard: guard ? guardHref(guard.pulpType, guard.id) : null,
    content_guard_prn: guard ? guardPrn(guard.pulpType, guard.id) : null,
    no_content_change_since: lastChange,
    hidden: d.hidden,
    pulp_labels: d.pulpLabels,
    name: d.name,
    repository: d.repositoryId ? app.hrefs.repository(repositoryType, d.repositoryId) : null,
    checkpoint: d.checkpoint,
  };
  if (!def) return out;
  if (def.publicationType) out.publication = d.publicationId ? app.hrefs.publication(def.publicationType, d.publicationId) : null;
  if (def.serveFrom === 'version' || !def.publicationType) {
    const version = d.repositoryVersionId ? await app.data.versions.byId(d.repositoryVersionId) : undefined;
    out.repository_version = version ? app.hrefs.version(version.pulpType, version.repositoryId, version.number) : null;
  }
  if (def.remoteTypes?.length) out.remote = d.remoteId ? app.hrefs.remote(def.remoteTypes[0]!, d.remoteId) : null;
  return { ...out, ...extraForResponse(def.fields, d.extra) };
}
