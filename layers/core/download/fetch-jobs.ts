import type { WantedFile } from './download-service';

/**
 * Files one job carries at most: its fetcher gets them one after the other over one connection.
 * Each job costs a fixed handful of queue and table requests (send, receive, delete, report,
 * the task's polls), so small files want big jobs; a fetcher near its deadline hands the rest
 * of a job back, so a slow upstream cannot make a job outlast it.
 */
export const MAX_FILES_PER_JOB = 100;
/** A job's known bytes at most, so one delivery ends well within a fetcher's timeout. */
export const MAX_BYTES_PER_JOB = 64 * 1024 * 1024;
/** URLs and names of one job at most: its message must stay under SQS's 256 KiB. */
export const MAX_TEXT_PER_JOB = 128 * 1024;
/**
 * What a file of unknown size counts for against MAX_BYTES_PER_JOB: most are small (a
 * wheel's METADATA, an index page's file), so several share a job, but not many.
 */
export const UNKNOWN_SIZE_BYTES = 8 * 1024 * 1024;

/** What bounds a job of some kind of item: how many, and what each weighs. */
export interface JobLimits<T> {
  maxItems: number;
  /** Bytes an item is expected to bring (against MAX_BYTES_PER_JOB). */
  bytesOf(item: T): number;
  /** Characters an item takes in the job's message (against MAX_TEXT_PER_JOB). */
  textOf(item: T): number;
}

/** Files: a file of unknown size counts as UNKNOWN_SIZE_BYTES. */
export const FILE_JOBS: JobLimits<WantedFile> = {
  maxItems: MAX_FILES_PER_JOB,
  bytesOf: (file) => file.size ?? UNKNOWN_SIZE_BYTES,
  textOf: (file) => file.url.length + file.name.length,
};

/** Documents a job carries at most (index pages, read one after the other). */
export const MAX_DOCUMENTS_PER_JOB = 25;

/** Documents (URLs): their sizes are unknown and each is bounded by its read limit; a fetcher near its deadline hands the rest back. */
export const DOCUMENT_JOBS: JobLimits<{ url: string }> = { maxItems: MAX_DOCUMENTS_PER_JOB, bytesOf: () => 0, textOf: (document) => document.url.length };

/**
 * Cuts a list of items (a sync's files, a task's documents) into jobs, in order. Each take()
 * is the next job: what is left spread over the `slots` jobs that may be in flight (so every
 * slot gets work, and the last jobs are small), within the limits: at most `maxItems`,
 * MAX_BYTES_PER_JOB and MAX_TEXT_PER_JOB; an item bigger than MAX_BYTES_PER_JOB goes alone.
 * A take() gets at least one item while any are left. Items handed back go out again first.
 * (A cursor, not Array.shift(): shifting a list of 100,000 files is quadratic.)
 */
export class JobPlanner<T> {
  private next = 0;
  /** Items handed back (a fetcher ran out of time before them): they go out first. */
  private readonly returned: T[] = [];

  constructor(
    private readonly items: readonly T[],
    private readonly limits: JobLimits<T>,
  ) {}

  /** Items not in a job yet. */
  get left(): number {
    return this.items.length - this.next + this.returned.length;
  }

  /** Items of a job that were not attempted: planned again, ahead of the rest. */
  giveBack(items: readonly T[]): void {
    // A stack: pushed last-first, so they go out again in their order.
    for (let i = items.length - 1; i >= 0; i--) this.returned.push(items[i]!);
  }

  take(slots: number): T[] {
    const want = Math.min(this.limits.maxItems, Math.max(1, Math.ceil(this.left / Math.max(1, slots))));
    const job: T[] = [];
    let bytes = 0;
    let text = 0;
    while (this.left && job.length < want) {
      const next = this.peek();
      const size = this.limits.bytesOf(next);
      const alone = size > MAX_BYTES_PER_JOB;
      const nextText = this.limits.textOf(next);
      if (job.length && (alone || bytes + size > MAX_BYTES_PER_JOB || text + nextText > MAX_TEXT_PER_JOB)) break;
      job.push(next);
      this.advance();
      bytes += size;
      text += nextText;
      if (alone) break;
    }
    return job;
  }

  private peek(): T {
    return this.returned.length ? this.returned[this.returned.length - 1]! : this.items[this.next]!;
  }

  private advance(): void {
    if (this.returned.length) this.returned.pop();
    else this.next++;
  }
}
