import type { Artifact } from '../../core/models/artifact';
import { artifactKey } from '../../core/storage/blob-store';
import { f, schema } from '../../http/schema/fields';
import { commonFields, digestFields } from '../common/common-fields';

export const ARTIFACTS = '/pulp/api/v3/artifacts/';
export const artifactHref = (id: string): string => `${ARTIFACTS}${id}/`;

export const ArtifactRequest = schema('Artifact', {
  file: f.file({ required: true, description: 'The stored file.' }),
  size: f.integer({ nullable: true, description: 'The size of the file in bytes.' }),
  ...digestFields(false),
});

export const ArtifactResponse = schema('Artifact', {
  ...commonFields(),
  file: f.string({ readOnly: true, description: 'The stored file.' }),
  size: f.integer({ readOnly: true }),
  ...digestFields(true),
});

export function serializeArtifact(a: Artifact): Record<string, unknown> {
  return {
    pulp_href: artifactHref(a.id),
    prn: `prn:core.artifact:${a.id}`,
    pulp_created: a.pulpCreated,
    pulp_last_updated: a.pulpLastUpdated,
    file: artifactKey(a.sha256),
    size: a.size,
    md5: a.md5,
    sha1: a.sha1,
    sha224: a.sha224,
    sha256: a.sha256,
    sha384: a.sha384,
    sha512: a.sha512,
  };
}
