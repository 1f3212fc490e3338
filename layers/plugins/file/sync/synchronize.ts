import { createHash } from 'node:crypto';
import { HttpDownloader } from '../../../core/download/http-downloader';
import type { ProgressReport } from '../../../core/tasks/task';
import { TaskSuspended } from '../../../core/tasks/task-signals';
import type { TaskContext } from '../../../core/tasks/task-context';
import { hrefs } from '../hrefs';
import type { NewFileContent } from '../ports';
import type { Remote } from '../remotes/remote';
import { fetchArtifact, readText } from './artifact-fetch';
import { fileUrl } from './file-url';
import { parseManifest, type ManifestEntry } from './manifest-parser';
import { remoteDownloadOptions, remoteFingerprint } from './remote-download-options';
import { runPool } from './run-pool';
import type { SyncPorts } from './sync-ports';

export const SYNC_TASK = 'pulp_file.app.tasks.synchronizing.synchronize';

export interface SyncArgs {
  repositoryId: string;
  remoteId: string;
  mirror: boolean;
  optimize: boolean;
}

/** Manifests are text; anything bigger than this is not one we should hold in memory. */
const MANIFEST_LIMIT = 256 * 1024 * 1024;
/**
 * Stop starting downloads when less than this is left of the invocation (a quarter of what
 * the invocation had at most, so short test invocations still make progress).
 */
const TIME_RESERVE_MS = 60_000;
const DEFAULT_CONCURRENCY = 10;
/** Content rows are written this many at a time. */
const BATCH = 1000;

/** What a sync that ran out of invocation time saves for its continuation. */
export interface SyncCheckpoint {
  /** Artifacts downloaded by earlier invocations (they are stored and skipped on resume). */
  downloaded: number;
  invocations: number;
}

const report = (code: string, message: string, state: ProgressReport['state'], done: number, total: number | null): ProgressReport => ({
  code,
  message,
  state,
  done,
  total,
  suffix: null,
});

/**
 * pulp_file's synchronize: fetch the remote's PULP_MANIFEST, get the files it lists (now, or
 * record where to get them later), and make ONE new repository version from them. Nothing is
 * visible until the version is created in one transaction; a failure before that leaves the
 * repository as it was (downloaded artifacts stay: content-addressed, orphan cleanup takes them).
 */
export async function synchronize(ports: SyncPorts, ctx: TaskContext, args: SyncArgs): Promise<unknown> {
  const repository = await ports.getRepository(args.repositoryId);
  if (!repository) throw new Error(`The repository ${args.repositoryId} no longer exists.`);
  const reserveMs = Math.min(TIME_RESERVE_MS, ctx.remainingTimeMs() / 4);
  const remote = await ports.getRemote(args.remoteId);
  if (!remote) throw new Error(`The remote ${args.remoteId} no longer exists.`);
  const concurrency = remote.download_concurrency ?? DEFAULT_CONCURRENCY;
  const downloader = new HttpDownloader(remoteDownloadOptions(remote), concurrency);
  try {
    // Metadata
    await ctx.progress(report('sync.downloading.metadata', 'Downloading Metadata Files', 'running', 0, 1));
    const manifestText = await downloader.fetch(remote.url, (body, info) => readText(body, MANIFEST_LIMIT, info.url));
    const manifestSha256 = createHash('sha256').update(manifestText).digest('hex');
    await ctx.progress(report('sync.downloading.metadata', 'Downloading Metadata Files', 'completed', 1, 1));

    const details = {
      manifest_sha256: manifestSha256,
      // A digest, not the object: jsonb does not keep key order.
      remote_settings_sha256: createHash('sha256').update(JSON.stringify(remoteFingerprint(remote))).digest('hex'),
      mirror: args.mirror,
    };
    if (args.optimize && unchangedSince(repository.lastSyncDetails, details, repository.latestVersion)) {
      await ctx.progress(report('sync.was_skipped', 'Skipping Sync (no change from previous sync)', 'skipped', 0, null));
      return null;
    }

    await ctx.throwIfCanceled();
    await ctx.progress(report('sync.parsing.metadata', 'Parsing Metadata Lines', 'running', 0, null));
    const entries = parseManifest(manifestText);
    await ctx.progress(report('sync.parsing.metadata', 'Parsing Metadata Lines', 'completed', entries.length, entries.length));

    const urls = entries.map((e) => fileUrl(remote.url, e.relativePath));
    const artifacts = await ports.knownArtifacts([...new Set(entries.map((e) => e.sha256))]);
    if (remote.policy === 'immediate') await downloadMissing(ports, ctx, downloader, entries, urls, artifacts, concurrency, reserveMs);

    await ctx.throwIfCanceled();
    // Content units (invisible until a version holds them).
    await ctx.progress(report('associating.content', 'Associating Content', 'running', 0, entries.length));
    const contentIds = await ensureContent(ports, remote, entries, urls, artifacts);
    await ctx.progress(report('associating.content', 'Associating Content', 'completed', entries.length, entries.length));

    const version = await ports.createVersion(repository.id, { add: contentIds, mirror: args.mirror });
    let latestNumber = repository.latestVersion;
    if (version) {
      latestNumber = version.number;
      await ctx.created(hrefs.version(repository.id, version.number));
      // Mirror mode serves exactly the upstream: a pass-through publication of the new version.
      if (args.mirror) {
        const publication = await ports.publish(version.id, repository.manifest ?? 'PULP_MANIFEST');
        await ctx.created(hrefs.publication(publication.id));
      }
    }
    await ports.setLastSyncDetails(repository.id, { ...details, version_number: latestNumber });
    return null;
  } finally {
    downloader.close();
  }
}

/** `optimize`: the same manifest, remote settings and mode, and nobody changed the repository since. */
function unchangedSince(last: Record<string, unknown>, now: Record<string, unknown>, latestVersion: number): boolean {
  return (
    last.manifest_sha256 === now.manifest_sha256 &&
    last.mirror === now.mirror &&
    last.remote_settings_sha256 === now.remote_settings_sha256 &&
    last.version_number === latestVersion
  );
}

async function downloadMissing(
  ports: SyncPorts,
  ctx: TaskContext,
  downloader: HttpDownloader,
  entries: ManifestEntry[],
  urls: string[],
  known: Map<string, string>,
  concurrency: number,
  reserveMs: number,
): Promise<void> {
  // One download per distinct digest, even if several paths share it.
  const wanted = new Map<string, number>();
  entries.forEach((e, i) => {
    if (!known.has(e.sha256) && !wanted.has(e.sha256)) wanted.set(e.sha256, i);
  });
  const todo = [...wanted.values()];
  let done = 0;
  const code = 'sync.downloading.artifacts';
  const message = 'Downloading Artifacts';
  await ctx.progress(report(code, message, 'running', 0, todo.length));
  try {
    await runPool(todo, concurrency, async (index) => {
      if (ctx.remainingTimeMs() < reserveMs) {
        // Downloads are content-addressed and recorded as they land, so the continuation
        // simply runs the sync again and skips what is stored; the version comes at the end.
        const saved = (ctx.checkpoint as SyncCheckpoint | undefined) ?? { downloaded: 0, invocations: 0 };
        ctx.continueLater({ downloaded: saved.downloaded + done, invocations: saved.invocations + 1 } satisfies SyncCheckpoint);
      }
      // A cancel is a database read: look every 100 files, not for each.
      if (done % 100 === 0) await ctx.throwIfCanceled();
      const entry = entries[index]!;
      await fetchArtifact(downloader, ports.blobs, { url: urls[index]!, name: entry.relativePath, sha256: entry.sha256, size: entry.size });
      const artifact = await ports.ensureArtifact({ sha256: entry.sha256, size: entry.size });
      known.set(entry.sha256, artifact.id);
      done++;
      await ctx.progress(report(code, message, 'running', done, todo.length));
    });
  } catch (err) {
    if (!(err instanceof TaskSuspended)) await ctx.progress(report(code, message, 'failed', done, todo.length));
    throw err;
  }
  await ctx.progress(report(code, message, 'completed', done, todo.length));
}

async function ensureContent(
  ports: SyncPorts,
  remote: Remote,
  entries: ManifestEntry[],
  urls: string[],
  artifacts: Map<string, string>,
): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < entries.length; start += BATCH) {
    const slice = entries.slice(start, start + BATCH);
    const units: NewFileContent[] = slice.map((e) => ({ relativePath: e.relativePath, sha256: e.sha256, size: e.size, artifactId: artifacts.get(e.sha256) ?? null }));
    const contents = await ports.ensureFileContents(units);
    const byKey = new Map(contents.map((c) => [`${c.relativePath}\u0000${c.sha256}`, c]));
    const ordered = slice.map((e) => byKey.get(`${e.relativePath}\u0000${e.sha256}`));
    if (ordered.some((c) => !c)) throw new Error('Content units could not be recorded for every manifest line.');
    ids.push(...ordered.map((c) => c!.id));
    // Where each file can be fetched later: every policy records it (on-demand needs it; repair may).
    await ports.addRemoteArtifacts(
      ordered.map((c, i) => ({ contentId: c!.id, remoteId: remote.id, url: urls[start + i]!, sha256: slice[i]!.sha256, size: slice[i]!.size })),
    );
  }
  return ids;
}
