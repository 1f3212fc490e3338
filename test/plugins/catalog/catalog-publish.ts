import type { PublishFunction } from '../../../layers/plugin-api';

/** The version's items at their paths, and an index of them named by the publication's `index_name`. */
export const publishCatalog: PublishFunction = async ({ version, fields }, _ctx, services) => {
  const units = await services.versionContent(version, 'catalog.item', { limit: 10_000, offset: 0 });
  const index = units.map((u) => ({ name: u.fields.name, version: u.fields.version, path: u.relativePath })).sort((a, b) => a.path.localeCompare(b.path));
  const name = String(fields.index_name ?? 'index.json');
  return { passThrough: true, metadata: [{ relativePath: name, body: Buffer.from(JSON.stringify(index)), contentType: 'application/json' }] };
};
