import { f, schema } from '../../../http/schema/fields';
import { hrefs, prns } from '../hrefs';
import type { Publication } from '../model';
import { commonFields } from './common';

export const FilePublicationSchema = schema('file.FilePublication', {
  ...commonFields(),
  repository_version: f.href({ description: 'The repository version to publish.' }),
  repository: f.href({ writeOnly: true, description: 'A URI of the repository to be published.' }),
  distributions: f.array(f.href(), { readOnly: true, description: 'This publication is currently hosted as defined by these distributions.' }),
  checkpoint: f.boolean({ description: 'Whether this publication is a checkpoint.' }),
  manifest: f.string({ nullable: true, default: 'PULP_MANIFEST', description: 'Filename to use for manifest file containing metadata for all the files.' }),
});

export const FilePublicationResponse = schema('file.FilePublication', {
  ...commonFields(),
  repository_version: f.href({ readOnly: true }),
  repository: f.href({ readOnly: true, description: 'A URI of the repository to be published.' }),
  distributions: f.array(f.href(), { readOnly: true }),
  checkpoint: f.boolean({ readOnly: true }),
  manifest: f.string({ readOnly: true, nullable: true }),
});

export function serializePublication(p: Publication, distributionIds: string[]): Record<string, unknown> {
  return {
    pulp_href: hrefs.publication(p.id),
    prn: prns.publication(p.id),
    pulp_created: p.pulpCreated,
    pulp_last_updated: p.pulpLastUpdated,
    repository_version: hrefs.version(p.repositoryId, p.versionNumber),
    repository: hrefs.repository(p.repositoryId),
    distributions: distributionIds.map(hrefs.distribution),
    checkpoint: p.checkpoint,
    manifest: p.manifest,
  };
}
