import { f, schema, type Field, type ObjectSchema } from '../../http/schema/fields';
import type { DistributionTypeDefinition } from '../../plugin-api/definitions/object-types';
import type { Installed } from '../../plugin-api/installed-types';
import { commonFields } from '../common/common-fields';
import { extraSchemas } from '../common/extra-fields';

const distributionFields = (): Record<string, Field> => ({
  ...commonFields(),
  base_path: f.string({
    required: true,
    maxLength: 255,
    format: 'path',
    description: 'The base (relative) path component of the published url. Avoid paths that overlap with other distribution base paths (e.g. "foo" and "foo/bar")',
  }),
  base_url: f.string({ readOnly: true, description: 'The URL for accessing the publication as defined by this distribution.' }),
  content_guard: f.href({ nullable: true, description: 'An optional content-guard.' }),
  content_guard_prn: f.string({ readOnly: true, nullable: true, description: 'The Pulp Resource Name (PRN) of the associated optional content guard.' }),
  no_content_change_since: f.string({ readOnly: true, nullable: true, description: 'Timestamp since when the distributed content served by this distribution has not changed.' }),
  hidden: f.boolean({ default: false, description: 'Whether this distribution should be shown in the content app.' }),
  pulp_labels: f.labels({ default: {} }),
  name: f.string({ required: true, maxLength: 255, description: 'A unique name. Ex, `rawhide` and `stable`.' }),
  repository: f.href({ nullable: true, description: 'The latest RepositoryVersion for this Repository will be served.' }),
  checkpoint: f.boolean({ default: false }),
});

/** A distribution type's schema: Pulp's distribution fields, what it can serve, and the type's own fields. */
export function distributionSchema(type: Installed<DistributionTypeDefinition>): ObjectSchema {
  const d = type.definition;
  return schema(type.names.schemaName, {
    ...distributionFields(),
    ...(d.publicationType ? { publication: f.href({ nullable: true, description: 'Publication to be served' }) } : {}),
    ...(d.serveFrom === 'version' || !d.publicationType
      ? { repository_version: f.href({ nullable: true, description: 'RepositoryVersion to be served' }) }
      : {}),
    ...(d.remoteTypes?.length ? { remote: f.href({ nullable: true, description: 'Remote that can be used to fetch content when using pull-through caching.' }) } : {}),
    ...extraSchemas(d.fields),
  });
}

export const GenericDistributionSchema = schema('Distribution', distributionFields());
