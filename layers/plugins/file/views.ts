import type { App } from '../../app/app';
import type { Distribution, Publication, RepositoryVersion } from './model';
import { fileServices } from './services';
import { serializeDistribution } from './serializers/distribution';
import { serializePublication } from './serializers/publication';
import { serializeVersion } from './serializers/version';

/** Serialisations that need more than the record itself (counts, related rows, config). */

export async function versionView(app: App, v: RepositoryVersion): Promise<Record<string, unknown>> {
  const { data } = fileServices(app);
  const counts = await data.versions.counts(v.repositoryId, v.number);
  const base = v.baseVersionId ? await data.versions.byId(v.baseVersionId) : undefined;
  return serializeVersion(v, counts, base ? base.number : null);
}

export async function publicationView(app: App, p: Publication): Promise<Record<string, unknown>> {
  return serializePublication(p, await fileServices(app).data.publications.distributionIds(p.id));
}

export async function distributionView(app: App, d: Distribution): Promise<Record<string, unknown>> {
  const lastChange = await fileServices(app).data.distributions.lastContentChange(d);
  return serializeDistribution(d, app.config.contentOrigin ?? '', lastChange);
}
