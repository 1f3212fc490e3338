// The content app's hook for paths a python distribution's stored content lacks: with a
// pull-through remote, a file (or a wheel's `.metadata`) the remote's index lists is fetched,
// verified by the sha256 the index gives, stored, and served like any stored file. The content
// app has no database: a fetched package is handed to the workers, who make it a unit (and,
// with a repository, add it there), so it is fetched only once.

import type { ContentAppHooks, ContentAppServices, ContentHookAnswer, Distribution, PluginServices, PulledFile, Remote } from '../../../plugin-api';
import { storePackage } from '../content/unit-from-artifact';
import { metadataPath } from '../content/package-fields';
import { addPackages } from '../tasks/add-packages';
import { PYTHON_TYPE } from './index-view';
import { findUpstreamFile } from './pull-through';

const METADATA_SUFFIX = '.metadata';
const PLUGIN = 'python';

/** What the workers need to make a kept package a unit: its name and the upstream's details. */
interface KeptPackage {
  filename: string;
  uploadTime: string | null;
  yanked: boolean;
  yankedReason: string;
}

async function pull(services: ContentAppServices, remote: Remote, distribution: Distribution, path: string, head: boolean): Promise<ContentHookAnswer | undefined> {
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
  const stored = await services.store(remote, wanted);
  if (!isMetadata) {
    const data: KeptPackage = { filename, uploadTime: file.uploadTime, yanked: file.yanked, yankedReason: file.yankedReason };
    // The file is served either way; one the workers never hear of is fetched again next time.
    await services
      .keep({ plugin: PLUGIN, distributionId: distribution.id, sha256: stored.sha256, size: stored.size, data: { ...data } })
      .catch((error: unknown) => services.logger.warn('A pulled-through package was served but not kept', { filename, error: String(error) }));
  }
  return { artifact: stored };
}

/** Makes a kept package a unit; with a repository, a task adds it there (as pulp_python's pull-through does). */
async function recordPulled(pulled: PulledFile, services: PluginServices): Promise<void> {
  const kept = pulled.data as unknown as KeptPackage;
  const artifactId = (await services.artifacts.present([pulled.sha256])).get(pulled.sha256);
  const stored = artifactId ? await services.artifacts.get(artifactId) : undefined;
  if (!stored) return;
  const pkg = await storePackage(services, kept.filename, await services.artifacts.read(stored), {
    uploadTime: kept.uploadTime,
    yanked: kept.yanked,
    yankedReason: kept.yankedReason,
  });
  const unit = await services.content.ensureOne({
    pulpType: PYTHON_TYPE,
    fields: { ...pkg.fields },
    relativePath: kept.filename,
    artifactId: stored.id,
    extraArtifacts: pkg.extraArtifacts,
  });
  const distribution = await services.distributions.get(pulled.distributionId);
  const repository = distribution?.repositoryId ? await services.repositories.get(distribution.repositoryId) : undefined;
  if (!repository) return;
  await services.tasks.dispatchTask(
    addPackages,
    { repositoryId: repository.id, contentIds: [unit.id] },
    { exclusiveResources: [services.hrefs.prn('repositories', repository.pulpType, repository.id)] },
  );
}

export const pythonContentApp: ContentAppHooks = {
  async serveMissing({ distribution, relativePath, head }, services) {
    if (!distribution.remoteId || relativePath.includes('/')) return undefined;
    const remote = await services.remote(distribution.remoteId);
    if (!remote) return undefined;
    return pull(services, remote, distribution, relativePath, head);
  },
  recordPulled,
};
