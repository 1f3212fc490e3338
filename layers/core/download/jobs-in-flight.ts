import { setTimeout as sleep } from 'node:timers/promises';
import { newId } from '../ids';
import type { FetchJob, FetchQueue, FetchResult, FetchResults } from '../ports/fetch-queue';
import type { JobPlanner } from './fetch-jobs';
import { PollBackoff } from './poll-backoff';

/** Jobs sent in one queue request at most (SQS takes ten a batch). */
const SEND_BATCH = 10;

/** The shortest wait between polls for results, while they keep arriving. */
export const FIRST_POLL_MS = 25;
/**
 * A task keeps polling at the shortest wait this long after its start or its last result: a
 * document is usually back within it, and a sync's jobs finish in waves.
 */
export const STEADY_POLL_MS = 3000;
/**
 * Polls per job duration while jobs run: a finished job's slot waits half a poll on average
 * before its next job goes out (about 3% of its time), and a sync of big jobs is not read 40
 * times a second.
 */
const POLLS_PER_JOB = 16;

/** A job whose result came in, with what it carried. */
export interface Arrived<T> {
  key: string;
  result: FetchResult;
  items: T[];
}

/**
 * The jobs a task has handed to fetchers and waits for (key → what each carries), and when it
 * looks for their results: briefly while they keep coming, paced to how long jobs take once
 * some are back, backing off while nothing comes (PollBackoff).
 */
export class JobsInFlight<T> {
  private readonly jobs = new Map<string, { items: T[]; sentAt?: number }>();
  private readonly backoff: PollBackoff;
  private wait: number;
  /** A running average of how long jobs take, the newest counting most (jobs shrink near the end). */
  private jobMs: number | undefined;

  constructor(pollMs: number) {
    this.backoff = new PollBackoff(FIRST_POLL_MS, pollMs, STEADY_POLL_MS);
    this.wait = this.backoff.first;
  }

  get size(): number {
    return this.jobs.size;
  }

  /** What each job carries, by key (a checkpoint keeps it). */
  entries(): [string, T[]][] {
    return [...this.jobs].map(([key, job]) => [key, job.items]);
  }

  /** A job an earlier invocation sent, still to be waited for (how long it takes is not known). */
  resume(key: string, items: T[]): void {
    this.jobs.set(key, { items });
  }

  /**
   * Hands out jobs from `planner` until `slots` are in flight (at most one queue batch); true
   * when more could go out at once. Each job gets a fresh key, so a result filed by an earlier
   * run of the same task is never taken for this one's.
   */
  async fill(queue: FetchQueue, planner: JobPlanner<T>, slots: number, jobOf: (key: string, items: T[]) => FetchJob): Promise<boolean> {
    const batch: FetchJob[] = [];
    while (planner.left && this.jobs.size < slots && batch.length < SEND_BATCH) {
      const items = planner.take(slots);
      const key = newId();
      this.jobs.set(key, { items });
      batch.push(jobOf(key, items));
    }
    if (!batch.length) return false;
    await queue.send(batch);
    const sentAt = Date.now();
    for (const job of batch) this.jobs.get(job.key)!.sentAt = sentAt;
    return this.jobs.size < slots && planner.left > 0;
  }

  /**
   * Waits until the next poll, then reads the results of the jobs in flight filed since
   * `since`: those that came are no longer in flight.
   */
  async poll(results: FetchResults, jobId: string, since: number, signal?: AbortSignal): Promise<Arrived<T>[]> {
    await sleep(this.wait, undefined, signal ? { signal } : undefined);
    const found = await results.results(jobId, [...this.jobs.keys()], since);
    const arrived: Arrived<T>[] = [];
    for (const { key, result } of found) {
      const job = this.jobs.get(key);
      if (!job) continue;
      this.jobs.delete(key);
      if (job.sentAt !== undefined) {
        const took = Date.now() - job.sentAt;
        this.jobMs = this.jobMs === undefined ? took : this.jobMs * 0.7 + took * 0.3;
      }
      arrived.push({ key, result, items: job.items });
    }
    if (this.jobMs !== undefined) this.backoff.pace(this.jobMs / POLLS_PER_JOB);
    this.wait = this.backoff.next(arrived.length > 0);
    return arrived;
  }
}
