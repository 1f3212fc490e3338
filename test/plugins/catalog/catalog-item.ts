import { f, type ContentTypeDefinition } from '../../../layers/plugin-api';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Where an item is served in a distribution. */
export const itemPath = (name: string, version: number): string => `items/${name}-${version}.dat`;

export const catalogItem: ContentTypeDefinition = {
  app: 'catalog',
  endpointName: 'items',
  className: 'CatalogItem',
  pulpType: 'catalog.item',
  table: 'catalog_item',
  columns: {
    name: { column: 'name', type: 'text' },
    version: { column: 'version', type: 'integer' },
    sha256: { column: 'sha256', type: 'text' },
  },
  naturalKey: ['name', 'version'],
  repositoryKey: ['name'],
  filters: [
    { field: 'name', kind: 'text' },
    { field: 'version', kind: 'range' },
  ],
  ordering: ['name', 'version'],
  responseFields: {
    name: f.string({ readOnly: true }),
    version: f.integer({ readOnly: true }),
    sha256: f.string({ readOnly: true }),
  },
  serialize: (unit) => ({ name: unit.fields.name, version: unit.fields.version, sha256: unit.fields.sha256 }),
  create: {
    fields: {
      name: f.string({ required: true, maxLength: 64 }),
      version: f.integer({ required: true, minimum: 0, maximum: 1_000_000 }),
    },
    validate: (body) => (NAME.test(String(body.name)) ? undefined : { name: ['Names are letters, digits, ".", "_" and "-".'] }),
    fromArtifact: async ({ artifact, body }) => {
      const name = String(body.name);
      const version = Number(body.version);
      return { fields: { name, version, sha256: artifact.sha256 }, relativePath: itemPath(name, version) };
    },
  },
  checkVersion: (units) => {
    const seen = new Map<string, string>();
    for (const u of units) {
      const folded = u.key.toLowerCase();
      const other = seen.get(folded);
      if (other !== undefined && other !== u.key) return `Catalog names differ only in case: ${other} and ${u.key}.`;
      seen.set(folded, u.key);
    }
    return undefined;
  },
};
