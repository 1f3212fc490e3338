import type { SyncFunction } from '../../../layers/plugin-api';
import { itemPath } from './catalog-item';

interface Entry {
  name: string;
  version: number;
  path: string;
  sha256: string;
  size: number;
}

/** Reads the remote's JSON list, stores every item it names (immediate) and makes one version. */
export const syncCatalog: SyncFunction = async ({ repository, remote, mirror }, ctx, services) => {
  const index = await services.downloads.text(remote, remote.url, 1024 * 1024, ctx);
  const entries = JSON.parse(index.text) as Entry[];
  const urls = entries.map((e) => new URL(e.path, index.url).toString());
  const artifacts = await services.downloads.fetchArtifacts(
    remote,
    entries.map((e, i) => ({ url: urls[i]!, sha256: e.sha256, size: e.size, name: e.path })),
    ctx,
  );
  const units = await services.content.ensure(
    entries.map((e) => ({
      pulpType: 'catalog.item',
      fields: { name: e.name, version: e.version, sha256: e.sha256 },
      relativePath: itemPath(e.name, e.version),
      artifactId: artifacts.get(e.sha256) ?? null,
    })),
  );
  await services.content.addRemoteArtifacts(units.map((u, i) => ({ contentId: u.id, remoteId: remote.id, url: urls[i]!, sha256: entries[i]!.sha256, size: entries[i]!.size })));
  const version = await services.newVersion(ctx, repository.id, { add: units.map((u) => u.id), mirror });
  return { items: units.length, version: version?.number ?? null };
};
