import { f, schema, type ObjectSchema } from '../../http/schema/fields';
import type { ContentTypeDefinition } from '../../plugin-api/definitions/content-type';
import type { Installed } from '../../plugin-api/installed-types';
import { commonFields } from '../common/common-fields';

/** What a content type's list and detail show: Pulp's common fields, labels, the artifact, the type's fields. */
export function contentResponseSchema(type: Installed<ContentTypeDefinition>): ObjectSchema {
  return schema(type.names.schemaName, {
    ...commonFields(),
    pulp_labels: f.labels({ readOnly: true }),
    artifact: f.href({ readOnly: true, nullable: true, description: 'Artifact file representing the physical content' }),
    ...type.definition.responseFields,
  });
}

/** The create body of a content type made from one artifact (pulpcore's upload serializer plus the type's fields). */
export function contentRequestSchema(type: Installed<ContentTypeDefinition>): ObjectSchema {
  return schema(type.names.schemaName, {
    repository: f.href({ writeOnly: true, description: 'A URI of a repository the new content unit should be associated with.' }),
    pulp_labels: f.labels({ description: 'A dictionary of arbitrary key/value pairs used to describe a specific Content instance.' }),
    artifact: f.href({ description: 'Artifact file representing the physical content' }),
    file: f.file({ writeOnly: true, description: 'An uploaded file that may be turned into the content unit.' }),
    upload: f.href({ writeOnly: true, description: 'An uncommitted upload that may be turned into the content unit.' }),
    file_url: f.string({ writeOnly: true, maxLength: 2048, format: 'url', description: 'A url that Pulp can download and turn into the content unit.' }),
    ...(type.definition.create?.fields ?? {}),
  });
}

/** The generic `content/` list: what every unit of every type has. */
export const GenericContentSchema = schema('MultipleArtifactContent', {
  ...commonFields(),
  pulp_labels: f.labels({ readOnly: true }),
  artifact: f.href({ readOnly: true, nullable: true }),
});
