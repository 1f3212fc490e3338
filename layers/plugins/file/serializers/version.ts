import { f, schema } from '../../../http/schema/fields';
import { hrefs, prefixes, prns } from '../hrefs';
import { FILE_TYPE, type RepositoryVersion } from '../model';
import type { ContentCounts } from '../ports';
import { commonFields } from './common';

export const RepositoryVersionSchema = schema('RepositoryVersion', {
  ...commonFields(),
  number: f.integer({ readOnly: true }),
  repository: f.href({ readOnly: true }),
  base_version: f.href({ nullable: true, description: 'A repository version whose content was used as the initial set of content for this repository version' }),
  content_summary: f.json({ readOnly: true, description: 'Various count summaries of the content in the version and the HREF to view them.' }),
});

export function serializeVersion(v: RepositoryVersion, counts: ContentCounts, baseNumber: number | null): Record<string, unknown> {
  const href = hrefs.version(v.repositoryId, v.number);
  const part = (count: number, filter: string) =>
    count > 0 ? { [FILE_TYPE]: { count, href: `${prefixes.content}?${filter}=${href}` } } : {};
  return {
    pulp_href: href,
    prn: prns.version(v.id),
    pulp_created: v.pulpCreated,
    pulp_last_updated: v.pulpLastUpdated,
    number: v.number,
    repository: hrefs.repository(v.repositoryId),
    base_version: baseNumber === null ? null : hrefs.version(v.repositoryId, baseNumber),
    content_summary: {
      added: part(counts.added, 'repository_version_added'),
      removed: part(counts.removed, 'repository_version_removed'),
      present: part(counts.present, 'repository_version'),
    },
  };
}
