import type { App } from '../../app/app';
import type { Repository } from '../../core/models/repository';
import { extraForResponse } from '../common/extra-fields';

/** A repository as its type's API shows it. */
export function serializeRepository(app: App, r: Repository): Record<string, unknown> {
  const type = app.types.repositories.get(r.pulpType);
  const d = type.definition;
  const href = app.hrefs.repository(r.pulpType, r.id);
  const remoteType = d.remoteTypes[0];
  return {
    pulp_href: href,
    prn: app.hrefs.prn('repositories', r.pulpType, r.id),
    pulp_created: r.pulpCreated,
    pulp_last_updated: r.pulpLastUpdated,
    versions_href: `${href}versions/`,
    pulp_labels: r.pulpLabels,
    latest_version_href: `${href}versions/${r.latestVersion}/`,
    name: r.name,
    description: r.description,
    retain_repo_versions: r.retainRepoVersions,
    retain_checkpoints: r.retainCheckpoints,
    remote: r.remoteId && remoteType ? app.hrefs.remote(remoteType, r.remoteId) : null,
    ...(d.publicationType ? { autopublish: r.autopublish } : {}),
    ...extraForResponse(d.fields, r.extra),
    last_sync_details: r.lastSyncDetails,
  };
}
