import { f, schema } from '../../../http/schema/fields';
import { hrefs, prns } from '../hrefs';
import type { FileContent } from '../model';
import { commonFields, digestFields } from './common';

export const FileContentRequest = schema('file.FileContent', {
  repository: f.href({ writeOnly: true, description: 'A URI of a repository the new content unit should be associated with.' }),
  pulp_labels: f.labels({ description: 'A dictionary of arbitrary key/value pairs used to describe a specific Content instance.' }),
  artifact: f.href({ description: 'Artifact file representing the physical content' }),
  relative_path: f.string({ required: true, description: 'Path where the artifact is located relative to distributions base_path' }),
  file: f.file({ writeOnly: true, description: 'An uploaded file that may be turned into the content unit.' }),
  upload: f.href({ writeOnly: true, description: 'An uncommitted upload that may be turned into the content unit.' }),
  file_url: f.string({ writeOnly: true, description: 'A url that Pulp can download and turn into the content unit.' }),
  overwrite: f.boolean({ writeOnly: true, default: true, description: 'When true, replace a unit with the same relative_path in the repository.' }),
});

export const FileContentResponse = schema('file.FileContent', {
  ...commonFields(),
  pulp_labels: f.labels({ readOnly: true }),
  artifact: f.href({ readOnly: true, nullable: true, description: 'Artifact file representing the physical content' }),
  relative_path: f.string({ readOnly: true }),
  ...digestFields(true),
});

export function serializeContent(c: FileContent): Record<string, unknown> {
  return {
    pulp_href: hrefs.content(c.id),
    prn: prns.content(c.id),
    pulp_created: c.pulpCreated,
    pulp_last_updated: c.pulpLastUpdated,
    pulp_labels: c.pulpLabels,
    artifact: c.artifact ? hrefs.artifact(c.artifact.id) : null,
    relative_path: c.relativePath,
    md5: c.artifact?.md5 ?? null,
    sha1: c.artifact?.sha1 ?? null,
    sha224: c.artifact?.sha224 ?? null,
    sha256: c.sha256,
    sha384: c.artifact?.sha384 ?? null,
    sha512: c.artifact?.sha512 ?? null,
  };
}
