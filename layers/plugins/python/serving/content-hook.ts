// The content app's hook for paths a python distribution's stored content lacks: with a
// pull-through remote, a file (or a wheel's `.metadata`) the remote's index lists is fetched,
// verified by the sha256 the index gives, stored, and served like any stored file. A fetched
// package becomes a unit (and, with a repository, joins it), so it is fetched only once.

import type { ContentAppHooks, ContentHookAnswer, Distribution, PluginServices, Remote } from '../../../plugin-api';
import { storePackage } from '../content/unit-from-artifact';
import { metadataPath } from '../content/package-fields';
import { addPackages } from '../tasks/add-packages';
import type { UpstreamFile } from '../upstream/upstream-pages';
import { PYTHON_TYPE } from './index-view';
import { findUpstreamFile } from './pull-through';

const METADATA_SUFFIX = '.metadata';

/** Records the fetched package as a unit; with a repository, a task adds it there. */
async function keepPackage(services: PluginServices, distribution: Distribution, filename: string, sha256: string, upstream: UpstreamFile): Promise<void> {
  const artifact = (await services.artifacts.present([sha256])).get(sha256);
  if (!artifact) return;
  const stored = await services.artifacts.get(artifact);
  if (!stored) return;
  const pkg = await storePackage(services, filename, await services.artifacts.read(stored), {
    uploadTime: upstream.uploadTime,
    yanked: upstream.yanked,
    yankedReason: upstream.yankedReason,
  });
  const unit = await services.content.ensureOne({
    pulpType: PYTHON_TYPE,
    fields: { ...pkg.fields },
    relativePath: filename,
    artifactId: stored.id,
    extraArtifacts: pkg.extraArtifacts,
  });
  if (distribution.repositoryId) {
    const repository = await services.repositories.get(distribution.repositoryId);
    if (!repository) return;
    await services.tasks.dispatchTask(
      addPackages,
      { repositoryId: repository.id, contentIds: [unit.id] },
      { exclusiveResources: [services.hrefs.prn('repositories', repository.pulpType, repository.id)] },
    );
  }
}

async function pull(services: PluginServices, remote: Remote, distribution: Distribution, path: string, head: boolean): Promise<ContentHookAnswer | undefined> {
  const isMetadata = path.endsWith(METADATA_SUFFIX);
  const filename = isMetadata ? path.slice(0, -METADATA_SUFFIX.length) : path;
  const found = await findUpstreamFile(services, remote, filename);
  if (!found) return undefined;
  const { file } = found;
  const wanted = isMetadata
    ? file.metadataSha256 && { url: `${file.url}${METADATA_SUFFIX}`, sha256: file.metadataSha256, name: metadataPath(filename) }
    : file.sha256 && { url: file.url, sha256: file.sha256, size: file.size ?? undefined, name: filename };
  if (!wanted) return undefined;
  if (head) {
    const headers: Record<string, string> = { 'content-type': 'application/octet-stream', 'cache-control': 'no-cache' };
    if ('size' in wanted && wanted.size !== undefined) headers['content-length'] = String(wanted.size);
    return { statusCode: 200, headers, body: '' };
  }
  const artifactId = await services.downloads.fetchOne(remote, wanted);
  const artifact = await services.artifacts.get(artifactId);
  if (!artifact) return undefined;
  if (!isMetadata) {
    // The file is served either way; a package that cannot be read only stays out of the index.
    await keepPackage(services, distribution, filename, file.sha256, file).catch((error: unknown) =>
      services.logger.warn('A pulled-through package was served but not kept', { filename, error: String(error) }),
    );
  }
  return { artifact: { sha256: artifact.sha256, size: artifact.size } };
}

export const pythonContentApp: ContentAppHooks = {
  async serveMissing({ distribution, relativePath, head }, services) {
    if (!distribution.remoteId || relativePath.includes('/')) return undefined;
    const remote = await services.remotes.get(distribution.remoteId);
    if (!remote) return undefined;
    return pull(services, remote, distribution, relativePath, head);
  },
};
