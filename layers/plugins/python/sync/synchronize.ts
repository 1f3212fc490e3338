import { progressReport, type NewContentUnit, type NewRemoteArtifact, type PluginServices, type Remote, type SyncFunction, type TaskContext, type WantedFile } from '../../../plugin-api';
import { fieldsFromIndex, metadataPath } from '../content/package-fields';
import { parseCoreMetadata, type CoreMetadata } from '../metadata/core-metadata';
import { UpstreamIndex } from '../upstream/upstream-index';
import { PLAN, plannedFiles, type Chosen } from './sync-plan';


const report = progressReport;

/** `<file url>.metadata`, as PEP 658 places it (string-appended, as pip does). */
const metadataUrl = (url: string): string => `${url}.metadata`;

/** `immediate`: the files and their METADATA now; other policies fetch on first request. */
async function fetchNow(files: Chosen[], remote: Remote, ctx: TaskContext, services: PluginServices): Promise<Map<string, string>> {
  if (remote.policy !== 'immediate') return new Map();
  const wanted: WantedFile[] = [];
  for (const { file, upstream } of files) {
    wanted.push({ url: upstream.url, sha256: file.sha256, size: file.size ?? undefined, name: file.filename });
    if (upstream.metadataSha256) wanted.push({ url: metadataUrl(upstream.url), sha256: upstream.metadataSha256, name: metadataPath(file.filename) });
  }
  return services.downloads.fetchArtifacts(remote, wanted, ctx);
}

/** The core metadata of a wheel whose METADATA is stored; null when it is not or does not parse. */
async function storedMetadata(services: PluginServices, sha256: string | null, stored: Map<string, string>): Promise<CoreMetadata | null> {
  if (!sha256 || !stored.has(sha256)) return null;
  try {
    return parseCoreMetadata(await services.artifacts.read({ sha256 }, 16 * 1024 * 1024));
  } catch {
    return null;
  }
}

async function unitOf({ file, upstream }: Chosen, stored: Map<string, string>, services: PluginServices): Promise<NewContentUnit> {
  const metadataSha256 = upstream.metadataSha256;
  const parsed = await storedMetadata(services, metadataSha256, stored);
  return {
    pulpType: 'python.python',
    fields: { ...fieldsFromIndex(file, metadataSha256 ?? '', parsed) },
    relativePath: file.filename,
    artifactId: stored.get(file.sha256) ?? null,
    extraArtifacts: metadataSha256 ? [{ relativePath: metadataPath(file.filename), artifactId: stored.get(metadataSha256) ?? null }] : [],
  };
}

function remoteArtifactsOf(contentId: string, { file, upstream }: Chosen, remoteId: string): NewRemoteArtifact[] {
  const main = { contentId, remoteId, url: upstream.url, sha256: file.sha256, size: file.size, relativePath: file.filename };
  if (!upstream.metadataSha256) return [main];
  return [main, { contentId, remoteId, url: metadataUrl(upstream.url), sha256: upstream.metadataSha256, size: null, relativePath: metadataPath(file.filename) }];
}

const BATCH = 1000;
/**
 * pulp_python's sync from any PyPI-compatible index: the projects (the includes, else the
 * upstream's list), each project's files (simple page, JSON preferred, else PyPI's JSON API),
 * filtered by the remote's settings; the files now (`immediate`) or where to get them later,
 * with the wheels' `.metadata` files when the upstream advertises them; then one new version.
 */
export const synchronize: SyncFunction = async ({ repository, remote, mirror }, ctx, services) => {
  const upstream = new UpstreamIndex(services.downloads, remote, ctx);
  const files = await plannedFiles(upstream, remote, ctx, services);
  await ctx.throwIfCanceled();
  const stored = await fetchNow(files, remote, ctx, services);

  await ctx.progress(report('associating.content', 'Associating Content', 'running', 0, files.length));
  const contentIds: string[] = [];
  for (let start = 0; start < files.length; start += BATCH) {
    const slice = files.slice(start, start + BATCH);
    const units = await services.content.ensure(await Promise.all(slice.map((c) => unitOf(c, stored, services))));
    contentIds.push(...units.map((u) => u.id));
    await services.content.addRemoteArtifacts(units.flatMap((u, i) => remoteArtifactsOf(u.id, slice[i]!, remote.id)));
    await ctx.progress(report('associating.content', 'Associating Content', 'running', contentIds.length, files.length));
  }
  await ctx.progress(report('associating.content', 'Associating Content', 'completed', contentIds.length, files.length));
  await services.newVersion(ctx, repository.id, { add: contentIds, mirror });
  await services.scratch.remove(ctx, PLAN);
  return null;
};
