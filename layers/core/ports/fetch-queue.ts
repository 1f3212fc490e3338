import type { ArtifactDigests } from '../models/artifact';

/** What every job names: the task waiting on it, and the key its result is filed under. */
interface JobBase {
  jobId: string;
  key: string;
}

/** One file of a `files` job: where to get it and what it must be. */
export interface FileToFetch {
  url: string;
  sha256: string;
  /** Unknown sizes stream; only the sha256 is checked then. */
  size?: number;
  /** Shown in errors (the file's name in its repository). */
  name: string;
}

/**
 * One piece of upstream I/O for a fetcher (outside the database's network):
 * - `files`: files a sync wants stored under their sha256s, verified, fetched one after the
 *   other over one connection (so a job is one download at a time at the upstream);
 * - `document`: a metadata document (a manifest, an index page) copied to storage for the task;
 * - `documents`: several (a python sync's project pages), one after the other over one connection;
 * - `url`: a file from a URL of unknown digest (`file_url`), stored under the digest it turns out to have.
 */
export type FetchJob =
  | (JobBase & {
      kind: 'files';
      remoteId: string;
      remoteVersion: string;
      files: FileToFetch[];
      /**
       * Requests a second this job may start: its share of the remote's rate_limit (which, as in
       * Pulp, bounds the whole sync), so the jobs in flight together keep to it.
       */
      rateLimit?: number;
      /**
       * A one-file message of the release before jobs (kind `artifact`, keyed by its sha256),
       * left in the queue by a deploy: its file's outcome is the result, as that release's
       * task reads it. Remove once no deployment can hold such a message.
       */
      legacyArtifact?: true;
    })
  | (JobBase & { kind: 'document'; url: string; remoteId: string; remoteVersion: string; limit: number })
  | (JobBase & {
      kind: 'documents';
      urls: string[];
      remoteId: string;
      remoteVersion: string;
      limit: number;
      /** Requests a second this job may start (its share of the remote's rate_limit). */
      rateLimit?: number;
    })
  | (JobBase & { kind: 'url'; url: string });

/** Why a thing could not be had. */
export interface FetchFailure {
  ok: false;
  error: string;
  /** The upstream's HTTP status, when it answered one. */
  status?: number;
}

/** What a fetcher reports for one file of a `files` job. */
export type FileOutcome = { ok: true; size: number } | FetchFailure;

/** What a fetcher reports for one URL of a `documents` job: where the text waits, and the URL it came from after redirects. */
export type DocumentOutcome = { ok: true; size: number; storageKey: string; finalUrl: string } | FetchFailure;

/**
 * What a fetcher reports: done (with what the waiting task needs; for a `files` job each
 * file's own outcome by sha256), or why the job cannot be done at all.
 */
export type FetchResult =
  | {
      ok: true;
      size: number;
      digests?: ArtifactDigests;
      storageKey?: string;
      finalUrl?: string;
      files?: Record<string, FileOutcome>;
      /** A `documents` job's outcomes in the order of its URLs; shorter when the fetcher ran out of time. */
      documents?: DocumentOutcome[];
    }
  | FetchFailure;

export interface ReportedResult {
  key: string;
  result: FetchResult;
  /** When it was reported (ms since the epoch, the fetcher's clock). */
  at: number;
}

/** The download queue: fetchers (outside the database's network) consume it. */
export interface FetchQueue {
  send(jobs: FetchJob[]): Promise<void>;
}

/** Where fetchers file their results and the waiting task reads them. */
export interface FetchResults {
  report(jobId: string, key: string, result: FetchResult): Promise<void>;
  /**
   * The results filed for these keys and reported at or after `since` (ms; clocks differ, so
   * callers ask with some slack). Read by key: a poll costs what is in flight, not what is done.
   */
  results(jobId: string, keys: readonly string[], since: number): Promise<ReportedResult[]>;
  clear(jobId: string): Promise<void>;
}
