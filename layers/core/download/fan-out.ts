import { setTimeout as sleep } from 'node:timers/promises';
import type { ArtifactService } from '../artifacts/artifact-service';
import type { Remote } from '../models/remote';
import type { FetchJob, FetchQueue, FetchResult, FetchResults } from '../ports/fetch-queue';
import type { TaskContext } from '../tasks/task-context';
import { currentTaskSignal } from '../tasks/task-scope';
import { DEFAULT_DOWNLOAD_CONCURRENCY } from './download-options';
import { downloadProgress } from './download-progress';
import { FILE_JOBS, JobPlanner } from './fetch-jobs';
import { FIRST_POLL_MS, JobsInFlight, STEADY_POLL_MS } from './jobs-in-flight';
import { PollBackoff } from './poll-backoff';
import type { DownloadCheckpoint, WantedFile } from './download-service';

/** What a sync needs to hand its downloads to fetchers. */
export interface FanOutDeps {
  queue: FetchQueue;
  results: FetchResults;
  /** Makes the remote readable by fetchers (they run outside the database's network). */
  shareRemote(remote: Remote): Promise<void>;
  /** The most files one sync has in flight at once, whatever its remote asks. */
  maxInFlight: number;
  /** How often the waiting task looks for results. */
  pollMs: number;
}

/** Results may be filed by a fetcher whose clock is behind the worker's by this much. */
export const CLOCK_SLACK_MS = 60_000;
/** Outside a task (no deadline to honour), the longest a request waits for a fetcher: within API Gateway's 29 s. */
const ADHOC_WAIT_MS = CLOCK_SLACK_MS + 20_000;
const PROGRESS_EVERY_MS = 1000;


/** Thrown when files could not be had from the remote: names them (a few) with the reason. */
export class FetchFailed extends Error {
  constructor(
    message: string,
    /** The upstream's HTTP status, when it answered one (a plugin may treat a 404 as "not there"). */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'FetchFailed';
  }
}

/**
 * Hands one job (a document, a file_url) to a fetcher and waits for its result, honouring
 * cancel; the result is the task's to use (and the task fails with the fetcher's reason).
 */
export async function fetchOne(deps: FanOutDeps, job: FetchJob, ctx?: TaskContext): Promise<Extract<FetchResult, { ok: true }>> {
  const since = Date.now() - CLOCK_SLACK_MS;
  // Fires on cancel and at the invocation's deadline: the runner then fails the task saying so.
  // A fetcher that keeps crashing reports a failure itself on its message's last receive.
  const signal = currentTaskSignal();
  const backoff = new PollBackoff(FIRST_POLL_MS, deps.pollMs, STEADY_POLL_MS);
  await deps.queue.send([job]);
  for (let wait = backoff.first; ; wait = backoff.next(false)) {
    await sleep(wait, undefined, signal ? { signal } : undefined);
    const [found] = await deps.results.results(job.jobId, [job.key], since);
    if (found) {
      if (!found.result.ok) throw new FetchFailed(found.result.error, found.result.status);
      return found.result;
    }
    await ctx?.throwIfCanceled();
    if (!ctx && Date.now() - since > ADHOC_WAIT_MS) throw new FetchFailed('No fetcher answered in time: the download queue may be backed up or its fetchers failing.');
  }
}

/**
 * Hands the missing files of a sync to fetchers through the download queue, as jobs of up to
 * MAX_FILES_PER_JOB files that a fetcher gets one after the other: at most
 * `min(download_concurrency, maxInFlight)` jobs in flight, so as many downloads at once at the
 * upstream. Records the artifacts of each job as its fetcher reports them stored (one insert
 * per poll). The task only plans and records; a fetcher that dies loses nothing (its message
 * comes back, and the files it stored are not fetched again). Near the invocation's deadline
 * the task suspends; its continuation waits for the jobs in flight and hands out the rest.
 */
export async function fetchThroughFetchers(
  deps: FanOutDeps,
  artifacts: ArtifactService,
  remote: Remote,
  wanted: WantedFile[],
  stored: Map<string, string>,
  ctx: TaskContext,
  reserveMs: number,
): Promise<void> {
  const limit = slotsFor(deps, remote);
  const rateShare = rateShareOf(remote, limit);
  await deps.shareRemote(remote);
  const saved = ctx.checkpoint as DownloadCheckpoint | undefined;
  // Jobs an earlier invocation handed out are still coming: wait for them, do not ask twice.
  const bySha256 = new Map(wanted.map((f) => [f.sha256, f]));
  const inFlight = new JobsInFlight<WantedFile>(deps.pollMs);
  for (const [key, sha256s] of Object.entries(saved?.jobs ?? {})) {
    const files = sha256s.flatMap((sha256) => bySha256.get(sha256) ?? []);
    if (files.length) inFlight.resume(key, files);
  }
  const handedOut = new Set(inFlight.entries().flatMap(([, files]) => files.map((f) => f.sha256)));
  const planner = new JobPlanner(wanted.filter((f) => !handedOut.has(f.sha256)), FILE_JOBS);
  const failures: string[] = [];
  const total = wanted.length;
  let done = 0;
  // Results from before this sync began (an earlier run of the same task) are not this sync's.
  const since = saved?.since ?? Date.now() - CLOCK_SLACK_MS;
  let reportedAt = Date.now();
  await ctx.progress(downloadProgress('running', 0, total));
  while (planner.left || inFlight.size) {
    const more = await inFlight.fill(deps.queue, planner, limit, (key, files) => ({
      kind: 'files',
      ...jobFor(ctx, remote, key),
      files: files.map(({ url, sha256, size, name }) => ({ url, sha256, size, name })),
      ...rateShare,
    }));
    if (more) continue;
    const results = await inFlight.poll(deps.results, ctx.taskId, since);
    const arrived: { sha256: string; size: number }[] = [];
    for (const { result, items: files } of results) {
      const outcomes = files.map((file) => (result.ok ? result.files?.[file.sha256] : result));
      // A fetcher near its deadline leaves files untried: planned again (it tries at least one,
      // so a job that comes back with no outcome at all is a fault, not a shortage of time).
      const untried = outcomes.some(Boolean) ? files.filter((_, i) => !outcomes[i]) : [];
      planner.giveBack(untried);
      files.forEach((file, i) => {
        const outcome = outcomes[i];
        if (!outcome && untried.length) return;
        done++;
        if (outcome?.ok) arrived.push({ sha256: file.sha256, size: outcome.size });
        else failures.push(`${file.name}: ${outcome?.error ?? 'its fetcher reported nothing about it'}`);
      });
    }
    if (arrived.length) for (const artifact of await artifacts.ensureArtifacts(arrived)) stored.set(artifact.sha256, artifact.id);
    // Progress is one row update: often enough to watch, not one per poll.
    if (results.length && Date.now() - reportedAt >= PROGRESS_EVERY_MS) {
      reportedAt = Date.now();
      await ctx.progress(downloadProgress('running', done, total));
    }
    await ctx.throwIfCanceled();
    if (ctx.remainingTimeMs() < reserveMs) {
      // Jobs in flight keep coming: the continuation waits for them and hands out the rest.
      ctx.continueLater({
        downloaded: (saved?.downloaded ?? 0) + done,
        invocations: (saved?.invocations ?? 0) + 1,
        jobs: Object.fromEntries(inFlight.entries().map(([key, files]) => [key, files.map((f) => f.sha256)])),
        since,
      } satisfies DownloadCheckpoint);
    }
  }
  await deps.results.clear(ctx.taskId);
  if (failures.length) {
    await ctx.progress(downloadProgress('failed', done, total));
    const shown = failures.slice(0, 5).join('; ');
    throw new FetchFailed(`${failures.length} of ${total} files could not be fetched: ${shown}${failures.length > 5 ? '; …' : ''}`);
  }
  await ctx.progress(downloadProgress('completed', done, total));
}

/** Jobs one sync keeps in flight: the remote's download_concurrency, within the deployment's bound. */
export function slotsFor(deps: FanOutDeps, remote: Remote): number {
  return Math.max(1, Math.min(remote.download_concurrency ?? DEFAULT_DOWNLOAD_CONCURRENCY, deps.maxInFlight));
}

/** Pulp's rate_limit bounds a sync's requests: each job in flight gets its share. */
export function rateShareOf(remote: Remote, slots: number): { rateLimit?: number } {
  return remote.rate_limit ? { rateLimit: remote.rate_limit / slots } : {};
}

/** What every job of a task's remote names: the task, the job's key, the remote at its version. */
export function jobFor(ctx: TaskContext, remote: Remote, key: string): { jobId: string; key: string; remoteId: string; remoteVersion: string } {
  return { jobId: ctx.taskId, key, remoteId: remote.id, remoteVersion: remote.pulpLastUpdated };
}
