import { f, schema } from '../../../http/schema/fields';
import { hrefs, prns } from '../hrefs';
import type { Distribution } from '../model';
import { commonFields } from './common';

export const FileDistributionSchema = schema('file.FileDistribution', {
  ...commonFields(),
  base_path: f.string({ required: true, description: 'The base (relative) path component of the published url. Avoid paths that overlap with other distribution base paths (e.g. "foo" and "foo/bar")' }),
  base_url: f.string({ readOnly: true, description: 'The URL for accessing the publication as defined by this distribution.' }),
  content_guard: f.href({ nullable: true, description: 'An optional content-guard.' }),
  no_content_change_since: f.string({ readOnly: true, nullable: true, description: 'Timestamp since when the distributed content served by this distribution has not changed.' }),
  hidden: f.boolean({ default: false, description: 'Whether this distribution should be shown in the content app.' }),
  pulp_labels: f.labels({ default: {} }),
  name: f.string({ required: true, description: "A unique name. Ex, `rawhide` and `stable`." }),
  repository: f.href({ nullable: true, description: 'The latest RepositoryVersion for this Repository will be served.' }),
  publication: f.href({ nullable: true, description: 'Publication to be served' }),
  checkpoint: f.boolean({ default: false }),
});

export function serializeDistribution(d: Distribution, contentOrigin: string, lastChange: string | null): Record<string, unknown> {
  return {
    pulp_href: hrefs.distribution(d.id),
    prn: prns.distribution(d.id),
    pulp_created: d.pulpCreated,
    pulp_last_updated: d.pulpLastUpdated,
    base_path: d.basePath,
    base_url: `${contentOrigin}/pulp/content/${d.basePath}/`,
    content_guard: d.contentGuardId ? hrefs.contentGuard(d.contentGuardId) : null,
    no_content_change_since: lastChange,
    hidden: d.hidden,
    pulp_labels: d.pulpLabels,
    name: d.name,
    repository: d.repositoryId ? hrefs.repository(d.repositoryId) : null,
    publication: d.publicationId ? hrefs.publication(d.publicationId) : null,
    checkpoint: d.checkpoint,
  };
}
