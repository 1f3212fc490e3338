import type { Remote } from '../models/remote';
import type { BlobStore } from '../storage/blob-store';
import { readWhole } from '../storage/read-whole';
import type { TaskContext } from '../tasks/task-context';
import { currentTaskSignal } from '../tasks/task-scope';
import { CLOCK_SLACK_MS, FetchFailed, jobFor, rateShareOf, slotsFor, type FanOutDeps } from './fan-out';
import { DOCUMENT_JOBS, JobPlanner } from './fetch-jobs';
import { JobsInFlight } from './jobs-in-flight';

/** One document as a task gets it: its text and the URL it came from, or why it could not be had. */
export type DocumentRead = { ok: true; text: string; url: string } | { ok: false; error: Error & { status?: number } };

/** A document a fetcher left in storage for the task: read once, then removed. */
export async function takeDocument(blobs: BlobStore, storageKey: string): Promise<string> {
  const text = (await readWhole(blobs, storageKey)).toString('utf8');
  await blobs.delete(storageKey).catch(() => undefined);
  return text;
}

/**
 * Reads many documents of a remote (a python sync's project pages) through fetchers, in jobs
 * of up to MAX_DOCUMENTS_PER_JOB read one after the other, at most
 * `min(download_concurrency, maxInFlight)` jobs in flight, each with its share of the remote's
 * rate_limit. `each` gets every document's index in `urls` and what came of it, as jobs come
 * back (in no set order); documents a fetcher had no time for are asked for again. Rejects
 * with what `each` throws (the jobs still in flight are left to expire).
 */
export async function readThroughFetchers(
  deps: FanOutDeps,
  blobs: BlobStore,
  remote: Remote,
  urls: readonly string[],
  limit: number,
  ctx: TaskContext,
  each: (index: number, read: DocumentRead) => Promise<void>,
): Promise<void> {
  const slots = slotsFor(deps, remote);
  const rateShare = rateShareOf(remote, slots);
  await deps.shareRemote(remote);
  const planner = new JobPlanner<{ url: string; index: number }>(
    urls.map((url, index) => ({ url, index })),
    DOCUMENT_JOBS,
  );
  const inFlight = new JobsInFlight<{ url: string; index: number }>(deps.pollMs);
  const since = Date.now() - CLOCK_SLACK_MS;
  const signal = currentTaskSignal();
  while (planner.left || inFlight.size) {
    const more = await inFlight.fill(deps.queue, planner, slots, (key, documents) => ({
      kind: 'documents',
      ...jobFor(ctx, remote, key),
      limit,
      urls: documents.map((d) => d.url),
      ...rateShare,
    }));
    if (more) continue;
    for (const { result, items } of await inFlight.poll(deps.results, ctx.taskId, since, signal)) {
      if (!result.ok || !result.documents?.length) {
        const error = new FetchFailed(result.ok ? 'Its fetcher reported nothing about it.' : result.error, result.ok ? undefined : result.status);
        for (const { index } of items) await each(index, { ok: false, error });
        continue;
      }
      const outcomes = result.documents;
      // A fetcher near its deadline stops early: what it did not try is asked for again.
      planner.giveBack(items.slice(outcomes.length));
      for (const [i, outcome] of outcomes.entries()) {
        const { index } = items[i]!;
        if (outcome.ok) await each(index, { ok: true, text: await takeDocument(blobs, outcome.storageKey), url: outcome.finalUrl });
        else await each(index, { ok: false, error: new FetchFailed(outcome.error, outcome.status) });
      }
    }
    await ctx.throwIfCanceled();
  }
}
