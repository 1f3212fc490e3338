import { definePlugin, f, migrationsFolder, type ExtraField } from '../../../layers/plugin-api';
import { catalogItem } from './catalog-item';
import { publishCatalog } from './catalog-publish';
import { syncCatalog } from './catalog-sync';

const naming = (className: string) => ({ app: 'catalog', endpointName: 'catalog', className, pulpType: 'catalog.catalog' });

const indexName: ExtraField = {
  schema: f.string({ default: 'index.json', maxLength: 64 }),
  default: 'index.json',
  check: (value) => (/^[a-z0-9._-]+$/.test(String(value)) ? undefined : 'A plain file name, please.'),
};

/** A test-only content type: everything it has comes from this declaration and core. */
export const catalogPlugin = definePlugin({
  name: 'catalog',
  version: '0.1.0',
  package: 'catalog-test-plugin',
  module: 'catalog.app',
  contentTypes: [catalogItem],
  repositoryTypes: [
    {
      ...naming('CatalogRepository'),
      contentTypes: ['catalog.item'],
      remoteTypes: ['catalog.catalog'],
      publicationType: 'catalog.catalog',
      fields: { index_name: indexName },
      sync: { taskName: 'catalog.app.tasks.sync', fields: {}, run: syncCatalog },
    },
  ],
  remoteTypes: [
    {
      ...naming('CatalogRemote'),
      fields: { channel: { schema: f.enum(['stable', 'beta'], { default: 'stable' }), default: 'stable' } },
      defaultPolicy: 'immediate',
      urlDescription: 'The URL of a JSON list of items.',
    },
  ],
  publicationTypes: [
    {
      ...naming('CatalogPublication'),
      repositoryType: 'catalog.catalog',
      fields: { index_name: indexName },
      taskName: 'catalog.app.tasks.publish',
      autopublishFields: (repository) => ({ index_name: repository.extra.index_name ?? 'index.json' }),
      publish: publishCatalog,
    },
  ],
  distributionTypes: [
    { ...naming('CatalogDistribution'), repositoryType: 'catalog.catalog', publicationType: 'catalog.catalog', fields: {}, serveFrom: 'publication' },
  ],
  migrations: migrationsFolder(import.meta.url),
});
