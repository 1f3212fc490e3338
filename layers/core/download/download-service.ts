import type { ArtifactService } from '../artifacts/artifact-service';
import type { Remote } from '../models/remote';
import { remoteDownloadOptions } from '../remotes/remote-download-options';
import type { BlobStore } from '../storage/blob-store';
import type { TaskContext } from '../tasks/task-context';
import { TaskSuspended } from '../tasks/task-signals';
import { fetchArtifact } from './artifact-fetch';
import { DEFAULT_DOWNLOAD_CONCURRENCY } from './download-options';
import { downloadProgress } from './download-progress';
import { readDocument, storeFile } from './direct-fetch';
import { readThroughFetchers, takeDocument, type DocumentRead } from './document-fan-out';
import { DownloadError } from './download-error';
import { newId } from '../ids';
import { fetchOne, fetchThroughFetchers, type FanOutDeps } from './fan-out';
import { HttpDownloader } from './http-downloader';
import { RateLimiter } from './rate-limiter';
import { runPool } from './run-pool';

/** A file a sync wants stored: where to get it and what it must be. */
export interface WantedFile {
  url: string;
  sha256: string;
  /** Unknown sizes stream; only the sha256 is checked then. */
  size?: number;
  /** Shown in errors (the file's name in its repository). */
  name: string;
}

/** What fetchArtifacts saves when it runs out of invocation time. */
export interface DownloadCheckpoint {
  downloaded: number;
  invocations: number;
  /** Jobs handed to fetchers and not reported yet (key → sha256s): the continuation waits for them rather than asking again. */
  jobs?: Record<string, string[]>;
  /** Where the continuation starts reading fetchers' results (ms). */
  since?: number;
}

/**
 * Stop starting downloads when less than this is left of the invocation (a quarter of what
 * the invocation had at most, so short test invocations still make progress).
 */
const TIME_RESERVE_MS = 60_000;
/** Downloaded files are recorded as artifacts this many at a time. */
const RECORD_EVERY = 100;


/**
 * Everything a plugin fetches from a remote goes through here: metadata documents, and the
 * files a sync stores as artifacts (verified by size and sha256, deduplicated, concurrent up to
 * the remote's download_concurrency, resumable across invocations, honouring cancel).
 */
export class DownloadService {
  /** Each task's pace of document reads per remote (WeakMap: gone with the task's context). */
  private readonly documentPace = new WeakMap<TaskContext, Map<string, RateLimiter>>();

  constructor(
    private readonly artifacts: ArtifactService,
    private readonly blobs: BlobStore,
    /** Fetchers to hand files to; without them, the task downloads them itself. */
    private readonly fanOut?: FanOutDeps,
  ) {}

  /**
   * Reads a metadata document of the remote (a manifest, an index page), refusing more than
   * `limit` bytes. With fetchers, a fetcher reads it (this process may have no route to the
   * internet) and hands it over through storage.
   */
  async text(remote: Remote, url: string, limit: number, ctx?: TaskContext): Promise<{ text: string; url: string }> {
    // A task reading many pages at once (a python sync's project pages) keeps to the remote's
    // rate_limit over all of them, as Pulp's one throttler per remote does.
    if (ctx && remote.rate_limit) await this.paceOf(ctx, remote).take();
    if (this.fanOut) {
      await this.fanOut.shareRemote(remote);
      // Outside a task (an index page the API builds), the job is named for itself.
      const jobId = ctx?.taskId ?? `adhoc-${newId()}`;
      const job = { kind: 'document' as const, jobId, key: `doc-${newId()}`, url, remoteId: remote.id, remoteVersion: remote.pulpLastUpdated, limit };
      const result = await fetchOne(this.fanOut, job, ctx);
      const text = await takeDocument(this.blobs, result.storageKey!);
      if (!ctx) await this.fanOut.results.clear(jobId).catch(() => undefined);
      return { text, url: result.finalUrl ?? url };
    }
    return readDocument(remote, url, limit);
  }

  /**
   * Reads many documents of the remote for a task (a python sync's project pages), each
   * refused past `limit` bytes: `download_concurrency` at a time within the remote's
   * rate_limit, through fetchers in jobs of several when there are fetchers. `each` gets each
   * document's index in `urls` and its text or the reason it could not be had, as they come
   * (in no set order); the call rejects with what `each` throws.
   */
  async readEach(remote: Remote, urls: readonly string[], limit: number, ctx: TaskContext, each: (index: number, read: DocumentRead) => Promise<void>): Promise<void> {
    if (this.fanOut) return readThroughFetchers(this.fanOut, this.blobs, remote, urls, limit, ctx, each);
    const pace = this.paceOf(ctx, remote);
    await runPool([...urls.keys()], remote.download_concurrency ?? DEFAULT_DOWNLOAD_CONCURRENCY, async (index) => {
      await pace.take();
      let read: DocumentRead;
      try {
        read = { ok: true, ...(await readDocument(remote, urls[index]!, limit)) };
      } catch (error) {
        // What the upstream did wrong is the document's outcome; anything else fails the call.
        if (!(error instanceof DownloadError)) throw error;
        read = { ok: false, error };
      }
      await each(index, read);
    });
  }

  /**
   * Stores one file of the remote as an artifact (verified by sha256 and size), unless its bytes
   * are stored already: for content served on first request outside a task (pull-through).
   */
  async fetchOne(remote: Remote, file: WantedFile): Promise<string> {
    const stored = (await this.artifacts.present([file.sha256])).get(file.sha256);
    if (stored) return stored;
    const { size } = await storeFile(remote, this.blobs, file);
    return (await this.artifacts.ensureArtifact({ sha256: file.sha256, size })).id;
  }

  /**
   * Makes sure every file is stored as an artifact and returns sha256 → artifact id. Files whose
   * artifact exists with its bytes are not fetched again; the others are downloaded and verified.
   * Out of invocation time, the task is suspended (downloads so far are kept) and its
   * continuation calls this again, which then skips what is stored.
   */
  async fetchArtifacts(remote: Remote, files: WantedFile[], ctx: TaskContext): Promise<Map<string, string>> {
    const stored = await this.artifacts.present([...new Set(files.map((f) => f.sha256))]);
    const wanted = new Map<string, WantedFile>();
    for (const f of files) if (!stored.has(f.sha256) && !wanted.has(f.sha256)) wanted.set(f.sha256, f);
    const todo = [...wanted.values()];
    const concurrency = remote.download_concurrency ?? DEFAULT_DOWNLOAD_CONCURRENCY;
    const reserveMs = Math.min(TIME_RESERVE_MS, ctx.remainingTimeMs() / 4);
    if (this.fanOut && todo.length) {
      await fetchThroughFetchers(this.fanOut, this.artifacts, remote, todo, stored, ctx, reserveMs);
      return stored;
    }
    const downloader = new HttpDownloader(remoteDownloadOptions(remote), concurrency);
    // Stored files are recorded RECORD_EVERY at a time: one insert, not one per file.
    let unrecorded: { sha256: string; size: number }[] = [];
    const record = async () => {
      const batch = unrecorded;
      unrecorded = [];
      for (const artifact of await this.artifacts.ensureArtifacts(batch)) stored.set(artifact.sha256, artifact.id);
    };
    let done = 0;
    await ctx.progress(downloadProgress('running', 0, todo.length));
    try {
      await runPool(todo, concurrency, async (file) => {
        if (ctx.remainingTimeMs() < reserveMs) {
          // A plugin's own checkpoint (a python sync reading its pages) may be what is there.
          const saved = ctx.checkpoint as Partial<DownloadCheckpoint> | undefined;
          ctx.continueLater({ downloaded: (saved?.downloaded ?? 0) + done, invocations: (saved?.invocations ?? 0) + 1 } satisfies DownloadCheckpoint);
        }
        // A cancel is a database read: look every 100 files, not for each.
        if (done % 100 === 0) await ctx.throwIfCanceled();
        const size = await fetchArtifact(downloader, this.blobs, file);
        unrecorded.push({ sha256: file.sha256, size });
        done++;
        if (unrecorded.length >= RECORD_EVERY) await record();
        await ctx.progress(downloadProgress('running', done, todo.length));
      });
      await record();
    } catch (err) {
      // What is stored is recorded even so: a continuation (or a retry) need not fetch it again.
      await record().catch(() => undefined);
      if (!(err instanceof TaskSuspended)) await ctx.progress(downloadProgress('failed', done, todo.length));
      throw err;
    } finally {
      downloader.close();
    }
    await ctx.progress(downloadProgress('completed', done, todo.length));
    return stored;
  }

  private paceOf(ctx: TaskContext, remote: Remote): RateLimiter {
    let byRemote = this.documentPace.get(ctx);
    if (!byRemote) this.documentPace.set(ctx, (byRemote = new Map()));
    let pace = byRemote.get(remote.id);
    if (!pace) byRemote.set(remote.id, (pace = new RateLimiter(remote.rate_limit)));
    return pace;
  }
}
