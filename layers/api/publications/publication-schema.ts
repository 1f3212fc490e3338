import { f, schema, type Field, type ObjectSchema } from '../../http/schema/fields';
import type { PublicationTypeDefinition } from '../../plugin-api/definitions/object-types';
import type { Installed } from '../../plugin-api/installed-types';
import { commonFields } from '../common/common-fields';
import { extraSchemas } from '../common/extra-fields';

const publicationFields = (readOnly: boolean): Record<string, Field> => ({
  ...commonFields(),
  repository_version: f.href(readOnly ? { readOnly } : { description: 'The repository version to publish.' }),
  repository: f.href(readOnly ? { readOnly, description: 'A URI of the repository to be published.' } : { writeOnly: true, description: 'A URI of the repository to be published.' }),
  distributions: f.array(f.href(), { readOnly: true, description: 'This publication is currently hosted as defined by these distributions.' }),
  checkpoint: f.boolean(readOnly ? { readOnly } : { description: 'Whether this publication is a checkpoint.' }),
});

/** A publication type's create body. */
export function publicationRequestSchema(type: Installed<PublicationTypeDefinition>): ObjectSchema {
  return schema(type.names.schemaName, { ...publicationFields(false), ...extraSchemas(type.definition.fields) });
}

/** A publication type's response. */
export function publicationResponseSchema(type: Installed<PublicationTypeDefinition>): ObjectSchema {
  const extra = Object.fromEntries(Object.entries(extraSchemas(type.definition.fields)).map(([k, v]) => [k, { ...v, readOnly: true, required: false }]));
  return schema(type.names.schemaName, { ...publicationFields(true), ...extra });
}

export const GenericPublicationSchema = schema('Publication', publicationFields(true));
