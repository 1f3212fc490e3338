import { createHash } from 'node:crypto';
import { progressReport, remoteSettingsDigest, type NewContentUnit, type SyncFunction } from '../../plugin-api';
import { fileUrl } from './file-url';
import { parseManifest, type ManifestEntry } from './manifest-parser';

/** Manifests are text; anything bigger than this is not one we should hold in memory. */
const MANIFEST_LIMIT = 256 * 1024 * 1024;
/** Content rows are written this many at a time. */
const BATCH = 1000;

const report = progressReport;

/** `optimize`: the same manifest, remote settings and mode, and nobody changed the repository since. */
function unchangedSince(last: Record<string, unknown>, now: Record<string, unknown>, latestVersion: number): boolean {
  return (
    last.manifest_sha256 === now.manifest_sha256 &&
    last.mirror === now.mirror &&
    last.remote_settings_sha256 === now.remote_settings_sha256 &&
    last.version_number === latestVersion
  );
}

/**
 * pulp_file's synchronize: fetch the remote's PULP_MANIFEST, get the files it lists (now, or
 * record where to get them later), and make ONE new repository version from them. Nothing is
 * visible until the version is created in one transaction; a failure before that leaves the
 * repository as it was (downloaded artifacts stay: content-addressed, orphan cleanup takes them).
 */
export const synchronize: SyncFunction = async ({ repository, remote, mirror, options }, ctx, services) => {
  await ctx.progress(report('sync.downloading.metadata', 'Downloading Metadata Files', 'running', 0, 1));
  const manifest = await services.downloads.text(remote, remote.url, MANIFEST_LIMIT, ctx);
  const details = {
    manifest_sha256: createHash('sha256').update(manifest.text).digest('hex'),
    remote_settings_sha256: remoteSettingsDigest(remote),
    mirror,
  };
  await ctx.progress(report('sync.downloading.metadata', 'Downloading Metadata Files', 'completed', 1, 1));
  if (options.optimize !== false && unchangedSince(repository.lastSyncDetails, details, repository.latestVersion)) {
    await ctx.progress(report('sync.was_skipped', 'Skipping Sync (no change from previous sync)', 'skipped', 0, null));
    return null;
  }

  await ctx.throwIfCanceled();
  await ctx.progress(report('sync.parsing.metadata', 'Parsing Metadata Lines', 'running', 0, null));
  const entries = parseManifest(manifest.text);
  await ctx.progress(report('sync.parsing.metadata', 'Parsing Metadata Lines', 'completed', entries.length, entries.length));

  const urls = entries.map((e) => fileUrl(remote.url, e.relativePath));
  const artifacts =
    remote.policy === 'immediate'
      ? await services.downloads.fetchArtifacts(remote, entries.map((e, i) => ({ url: urls[i]!, sha256: e.sha256, size: e.size, name: e.relativePath })), ctx)
      : await services.artifacts.present([...new Set(entries.map((e) => e.sha256))]);

  await ctx.throwIfCanceled();
  // Content units (invisible until a version holds them).
  await ctx.progress(report('associating.content', 'Associating Content', 'running', 0, entries.length));
  const contentIds: string[] = [];
  for (let start = 0; start < entries.length; start += BATCH) {
    const slice = entries.slice(start, start + BATCH);
    const units = await services.content.ensure(slice.map((e) => unitOf(e, artifacts.get(e.sha256) ?? null)));
    contentIds.push(...units.map((u) => u.id));
    // Where each file can be fetched later: every policy records it (on-demand needs it; repair may).
    await services.content.addRemoteArtifacts(
      units.map((u, i) => ({ contentId: u.id, remoteId: remote.id, url: urls[start + i]!, sha256: slice[i]!.sha256, size: slice[i]!.size })),
    );
  }
  await ctx.progress(report('associating.content', 'Associating Content', 'completed', entries.length, entries.length));

  const version = await services.newVersion(ctx, repository.id, { add: contentIds, mirror });
  // Mirror mode serves exactly the upstream: a pass-through publication of the new version.
  if (version && mirror) {
    const manifestName = repository.extra.manifest === undefined ? 'PULP_MANIFEST' : (repository.extra.manifest as string | null);
    const publication = await services.publications.publish('file.file', version, ctx, { fields: { manifest: manifestName } });
    await ctx.created(services.hrefs.publication('file.file', publication.id), services.hrefs.prn('publications', 'file.file', publication.id));
  }
  await services.repositories.setLastSyncDetails(repository.id, { ...details, version_number: version?.number ?? repository.latestVersion });
  return null;
};

function unitOf(entry: ManifestEntry, artifactId: string | null): NewContentUnit {
  return {
    pulpType: 'file.file',
    fields: { relative_path: entry.relativePath, sha256: entry.sha256, size: entry.size },
    relativePath: entry.relativePath,
    artifactId,
  };
}
