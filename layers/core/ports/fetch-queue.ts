import type { ArtifactDigests } from '../models/artifact';

/** What every job names: the task waiting on it, and the key its result is filed under. */
interface JobBase {
  jobId: string;
  key: string;
  url: string;
}

/**
 * One piece of upstream I/O for a fetcher (outside the database's network):
 * - `artifact`: a file a sync wants stored under its sha256, verified;
 * - `document`: a metadata document (a manifest, an index page) copied to storage for the task;
 * - `url`: a file from a URL of unknown digest (`file_url`), stored under the digest it turns out to have.
 */
export type FetchJob =
  | (JobBase & { kind: 'artifact'; remoteId: string; remoteVersion: string; sha256: string; size?: number; name: string })
  | (JobBase & { kind: 'document'; remoteId: string; remoteVersion: string; limit: number })
  | (JobBase & { kind: 'url' });

/** What a fetcher reports: done (with what the waiting task needs), or why it cannot be had. */
export type FetchResult =
  | { ok: true; size: number; digests?: ArtifactDigests; storageKey?: string; finalUrl?: string }
  | { ok: false; error: string; /** The upstream's HTTP status, when it answered one. */ status?: number };

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
