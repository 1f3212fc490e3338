import { f, INT4_MAX, schema } from '../../../http/schema/fields';
import { hrefs, prns } from '../hrefs';
import type { Repository } from '../model';
import { commonFields } from './common';

export const FileRepositorySchema = schema('file.FileRepository', {
  ...commonFields(),
  versions_href: f.href({ readOnly: true }),
  pulp_labels: f.labels({ default: {} }),
  latest_version_href: f.href({ readOnly: true }),
  name: f.string({ required: true, description: 'A unique name for this repository.' }),
  description: f.string({ nullable: true, description: 'An optional description.' }),
  retain_repo_versions: f.integer({ nullable: true, maximum: INT4_MAX, minimum: 1, description: 'Retain X versions of the repository. Default is null which retains all versions.' }),
  retain_checkpoints: f.integer({ nullable: true, maximum: INT4_MAX, minimum: 1, description: 'Retain X checkpoint publications for the repository. Default is null which retains all checkpoints.' }),
  remote: f.href({ nullable: true, description: 'An optional remote to use by default when syncing.' }),
  autopublish: f.boolean({ default: false, description: 'Whether to automatically create publications for new repository versions, and update any distributions pointing to this repository.' }),
  manifest: f.string({ nullable: true, default: 'PULP_MANIFEST', description: 'Filename to use for manifest file containing metadata for all the files.' }),
  last_sync_details: f.json({ readOnly: true }),
});

export function serializeRepository(r: Repository): Record<string, unknown> {
  return {
    pulp_href: hrefs.repository(r.id),
    prn: prns.repository(r.id),
    pulp_created: r.pulpCreated,
    pulp_last_updated: r.pulpLastUpdated,
    versions_href: hrefs.versions(r.id),
    pulp_labels: r.pulpLabels,
    latest_version_href: hrefs.version(r.id, r.latestVersion),
    name: r.name,
    description: r.description,
    retain_repo_versions: r.retainRepoVersions,
    retain_checkpoints: r.retainCheckpoints,
    remote: r.remoteId ? hrefs.remote(r.remoteId) : null,
    autopublish: r.autopublish,
    manifest: r.manifest,
    last_sync_details: r.lastSyncDetails,
  };
}
