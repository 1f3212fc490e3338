import type { App } from '../../app/app';
import type { Publication } from '../../core/models/publication';
import { extraForResponse } from '../common/extra-fields';

export async function serializePublication(app: App, p: Publication): Promise<Record<string, unknown>> {
  const type = app.types.publications.find(p.pulpType);
  const distributionIds = await app.data.publications.distributionIds(p.id);
  const distributionType = app.types.distributions.all.find((d) => d.definition.publicationType === p.pulpType);
  return {
    pulp_href: app.hrefs.publication(p.pulpType, p.id),
    prn: app.hrefs.prn('publications', p.pulpType, p.id),
    pulp_created: p.pulpCreated,
    pulp_last_updated: p.pulpLastUpdated,
    repository_version: app.hrefs.version(p.repositoryType, p.repositoryId, p.versionNumber),
    repository: app.hrefs.repository(p.repositoryType, p.repositoryId),
    distributions: distributionType ? distributionIds.map((id) => app.hrefs.distribution(distributionType.definition.pulpType, id)) : [],
    checkpoint: p.checkpoint,
    ...(type ? extraForResponse(type.definition.fields, p.extra) : {}),
  };
}
