import { f, INT4_MAX, schema, type ObjectSchema } from '../../http/schema/fields';
import type { Installed } from '../../plugin-api/installed-types';
import type { RepositoryTypeDefinition } from '../../plugin-api/definitions/object-types';
import { commonFields } from '../common/common-fields';
import { extraSchemas } from '../common/extra-fields';

/** A repository type's request and response schema: Pulp's common repository fields plus the type's own. */
export function repositorySchema(type: Installed<RepositoryTypeDefinition>): ObjectSchema {
  const d = type.definition;
  return schema(type.names.schemaName, {
    ...commonFields(),
    versions_href: f.href({ readOnly: true }),
    pulp_labels: f.labels({ default: {} }),
    latest_version_href: f.href({ readOnly: true }),
    name: f.string({ required: true, maxLength: 255, description: 'A unique name for this repository.' }),
    description: f.string({ nullable: true, multiline: true, maxLength: 65_536, description: 'An optional description.' }),
    retain_repo_versions: f.integer({ nullable: true, maximum: INT4_MAX, minimum: 1, description: 'Retain X versions of the repository. Default is null which retains all versions.' }),
    retain_checkpoints: f.integer({ nullable: true, maximum: INT4_MAX, minimum: 1, description: 'Retain X checkpoint publications for the repository. Default is null which retains all checkpoints.' }),
    remote: f.href({ nullable: true, description: 'An optional remote to use by default when syncing.' }),
    ...(d.publicationType
      ? { autopublish: f.boolean({ default: false, description: 'Whether to automatically create publications for new repository versions, and update any distributions pointing to this repository.' }) }
      : {}),
    ...extraSchemas(d.fields),
    last_sync_details: f.json({ readOnly: true }),
  });
}

/** The schema of the generic `repositories/` list: the fields every type shares. */
export const GenericRepositorySchema = schema('Repository', {
  ...commonFields(),
  versions_href: f.href({ readOnly: true }),
  pulp_labels: f.labels({ readOnly: true }),
  latest_version_href: f.href({ readOnly: true }),
  name: f.string({ readOnly: true }),
  description: f.string({ readOnly: true, nullable: true }),
  retain_repo_versions: f.integer({ readOnly: true, nullable: true }),
  remote: f.href({ readOnly: true, nullable: true }),
});
