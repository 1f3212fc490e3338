import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { storeUnderDigest } from '../artifacts/store-under-digest';
import type { Remote } from '../models/remote';
import type { DocumentOutcome, FetchFailure, FetchJob, FetchResult, FetchResults, FileOutcome, FileToFetch } from '../ports/fetch-queue';
import { remoteDownloadOptions } from '../remotes/remote-download-options';
import { artifactKey, TEMPORARY_PREFIX, type BlobStore } from '../storage/blob-store';
import { fetchArtifact, readText } from './artifact-fetch';
import { DigestMismatchError, DownloadError, redactUrl } from './download-error';
import { DEFAULT_DOWNLOAD_OPTIONS, type DownloadOptions } from './download-options';
import { HttpDownloader } from './http-downloader';

/** Thrown to have a job delivered again (the queue retries, then dead-letters it). */
export class FetchRetry extends Error {}

/** Where a fetched document waits for the task that asked for it (the bucket expires `tmp/` after a day). */
export const documentKey = (jobId: string, key: string): string => `${TEMPORARY_PREFIX}fetched/${jobId}/${key}`;

/** What the upstream did wrong (after the remote's own retries): reported at once, since another delivery would fare no better. */
const isUpstreamFailure = (err: unknown): boolean => err instanceof DownloadError || err instanceof DigestMismatchError;

/**
 * A job of several files or documents stops this long before its invocation's deadline and
 * hands the rest back to the task: its report, and what it stored, are not lost to a timeout.
 */
export const DEADLINE_RESERVE_MS = 60_000;

/** Which delivery of its message a job is, and when its invocation ends (ms since the epoch). */
export interface Delivery {
  attempt: number;
  lastAttempt: boolean;
  deadline?: number;
}

/** A reason is kept short: a job's result holds one per failed file, and the whole must fit one table item. */
const REASON_LIMIT = 1000;

function failureOf(err: unknown): FetchFailure {
  const reason = err instanceof Error ? err.message : String(err);
  const status = (err as { status?: unknown }).status;
  return { ok: false, error: reason.length > REASON_LIMIT ? `${reason.slice(0, REASON_LIMIT)}…` : reason, ...(typeof status === 'number' ? { status } : {}) };
}

/** Where a job's trouble is reported: its URL, or its first file's. */
const jobUrl = (job: FetchJob): string => {
  if (job.kind === 'files') return job.files[0]?.url ?? job.key;
  if (job.kind === 'documents') return job.urls[0] ?? job.key;
  return job.url;
};

/**
 * A fetcher: does one piece of upstream I/O for a task and reports the outcome where the task
 * waits for it. Files are verified by size and digest on the way into storage (wrong bytes never
 * land under an artifact key). The upstream gets the remote's retries (max_retries, backoff);
 * what still fails is reported at once. Trouble of our own (storage, the index) is retried by
 * the queue, and reported on the last delivery, so the task always ends with a reason.
 */
export class Fetcher {
  private readonly remoteCache = new Map<string, Remote | undefined>();

  constructor(
    private readonly blobs: BlobStore,
    private readonly results: FetchResults,
    private readonly remotes: (id: string) => Promise<Remote | undefined>,
  ) {}

  async fetch(job: FetchJob, delivery: Delivery): Promise<void> {
    let result: FetchResult;
    try {
      result = await this.run(job, delivery);
    } catch (err) {
      if (!isUpstreamFailure(err) && !delivery.lastAttempt) {
        throw new FetchRetry(`${redactUrl(jobUrl(job))}: ${err instanceof Error ? err.message : String(err)} (attempt ${delivery.attempt})`);
      }
      result = failureOf(err);
    }
    await this.results.report(job.jobId, job.key, result);
  }

  private async run(job: FetchJob, delivery: Delivery): Promise<FetchResult> {
    if (job.kind === 'url') {
      // Pulp's file_url: aiohttp's defaults, credentials only from the URL itself.
      const digests = await this.download(DEFAULT_DOWNLOAD_OPTIONS, job.url, (body) => storeUnderDigest(this.blobs, body));
      return { ok: true, size: digests.size, digests };
    }
    const remote = await this.remote(job.remoteId, job.remoteVersion);
    if (!remote) return { ok: false, error: 'The remote no longer exists.' };
    const options = remoteDownloadOptions(remote);
    if (job.kind === 'document') {
      const { text, url } = await this.download(options, job.url, async (body, finalUrl) => ({ text: await readText(body, job.limit, finalUrl), url: finalUrl }));
      const storageKey = documentKey(job.jobId, job.key);
      const bytes = Buffer.from(text, 'utf8');
      await this.blobs.put(storageKey, bytes);
      return { ok: true, size: bytes.length, storageKey, finalUrl: url };
    }
    if (job.kind === 'documents') {
      const documents: DocumentOutcome[] = [];
      await this.inSequence(job.urls, options, job.rateLimit, delivery, async (downloader, url) => {
        documents.push(await this.fetchDocument(downloader, job, documents.length, url, delivery));
      });
      // URLs past the last outcome were not tried: the task asks for them again.
      return { ok: true, size: documents.reduce((sum, d) => sum + (d.ok ? d.size : 0), 0), documents };
    }
    const files: Record<string, FileOutcome> = {};
    let size = 0;
    await this.inSequence(job.files, options, job.rateLimit, delivery, async (downloader, file) => {
      const outcome = await this.fetchFile(downloader, file, delivery);
      files[file.sha256] = outcome;
      if (outcome.ok) size += outcome.size;
    });
    if (job.legacyArtifact) return files[job.files[0]!.sha256] ?? { ok: false, error: 'The file was not fetched.' };
    // Files without an outcome were not tried: the task plans them again.
    return { ok: true, size, files };
  }

  /**
   * `each` for the items of a job one after the other over one kept-alive connection (a job is
   * one download at a time at the upstream: how the task keeps to download_concurrency),
   * stopping before the invocation's deadline reserve; the first item is always tried, so
   * every delivery gets somewhere.
   */
  private async inSequence<T>(items: readonly T[], options: DownloadOptions, rateLimit: number | undefined, delivery: Delivery, each: (downloader: HttpDownloader, item: T) => Promise<void>): Promise<void> {
    const downloader = new HttpDownloader(rateLimit ? { ...options, rateLimit } : options, 1);
    try {
      // Under a rate_limit the first request waits its interval too: the job before this one
      // in the task's slot may have made its last request a moment ago.
      if (rateLimit) await sleep(1000 / rateLimit);
      for (const [i, item] of items.entries()) {
        if (i > 0 && delivery.deadline !== undefined && Date.now() > delivery.deadline - DEADLINE_RESERVE_MS) break;
        await each(downloader, item);
      }
    } finally {
      downloader.close();
    }
  }

  /** One document of a job, put in storage for the task; the upstream's failure is its outcome (trouble of our own, as for files). */
  private async fetchDocument(downloader: HttpDownloader, job: { jobId: string; key: string; limit: number }, index: number, url: string, delivery: Delivery): Promise<DocumentOutcome> {
    try {
      const { text, finalUrl } = await downloader.fetch(url, async (body, info) => ({ text: await readText(body, job.limit, info.url), finalUrl: info.url }));
      const storageKey = documentKey(job.jobId, `${job.key}-${index}`);
      const bytes = Buffer.from(text, 'utf8');
      await this.blobs.put(storageKey, bytes);
      return { ok: true, size: bytes.length, storageKey, finalUrl };
    } catch (err) {
      if (!isUpstreamFailure(err) && !delivery.lastAttempt) throw err;
      return failureOf(err);
    }
  }

  /**
   * One file of a job, verified into storage. The upstream's failure is this file's outcome;
   * trouble of our own fails the whole delivery (before its last), and the redelivery skips the
   * files this one stored.
   */
  private async fetchFile(downloader: HttpDownloader, file: FileToFetch, delivery: Delivery): Promise<FileOutcome> {
    // The sync asked only for files it did not have; a redelivery may find its file stored.
    const held = delivery.attempt > 1 ? await this.blobs.size(artifactKey(file.sha256)) : undefined;
    if (held !== undefined && (file.size === undefined || held === file.size)) return { ok: true, size: held };
    try {
      return { ok: true, size: await fetchArtifact(downloader, this.blobs, file) };
    } catch (err) {
      if (!isUpstreamFailure(err) && !delivery.lastAttempt) throw err;
      return failureOf(err);
    }
  }

  private async download<T>(options: DownloadOptions, url: string, consume: (body: Readable, finalUrl: string) => Promise<T>): Promise<T> {
    const downloader = new HttpDownloader(options, 1);
    try {
      return await downloader.fetch(url, (body, info) => consume(body, info.url));
    } finally {
      downloader.close();
    }
  }

  /** A task shares its remote before it sends jobs, naming its version: one read per remote version, not per file. */
  private async remote(id: string, version: string): Promise<Remote | undefined> {
    const key = `${id}@${version}`;
    if (this.remoteCache.has(key)) return this.remoteCache.get(key);
    const remote = await this.remotes(id);
    if (remote?.pulpLastUpdated === version) {
      if (this.remoteCache.size > 100) this.remoteCache.clear();
      this.remoteCache.set(key, remote);
    }
    return remote;
  }
}
