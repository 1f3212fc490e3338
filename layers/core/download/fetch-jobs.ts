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

/**
 * Cuts a sync's files into jobs, in order. Each take() is the next job: what is left spread
 * over the `slots` jobs that may be in flight (so every slot gets work, and the last jobs are
 * small), at most MAX_FILES_PER_JOB, MAX_BYTES_PER_JOB and MAX_TEXT_PER_JOB. A file of unknown
 * size counts as UNKNOWN_SIZE_BYTES; one known to be bigger than MAX_BYTES_PER_JOB goes alone.
 * A take() gets at least one file while any are left. (A cursor, not Array.shift(): shifting a list of 100,000 files is quadratic.)
 */
export class JobPlanner {
  private next = 0;
  /** Files handed back (a fetcher ran out of time before them): they go out first. */
  private readonly returned: WantedFile[] = [];

  constructor(private readonly files: readonly WantedFile[]) {}

  /** Files not in a job yet. */
  get left(): number {
    return this.files.length - this.next + this.returned.length;
  }

  /** Files of a job that were not attempted: planned again, ahead of the rest. */
  giveBack(files: readonly WantedFile[]): void {
    // A stack: pushed last-first, so they go out again in their order.
    for (let i = files.length - 1; i >= 0; i--) this.returned.push(files[i]!);
  }

  take(slots: number): WantedFile[] {
    const want = Math.min(MAX_FILES_PER_JOB, Math.max(1, Math.ceil(this.left / Math.max(1, slots))));
    const job: WantedFile[] = [];
    let bytes = 0;
    let text = 0;
    while (this.left && job.length < want) {
      const next = this.peek();
      const size = next.size ?? UNKNOWN_SIZE_BYTES;
      const alone = size > MAX_BYTES_PER_JOB;
      const nextText = next.url.length + next.name.length;
      if (job.length && (alone || bytes + size > MAX_BYTES_PER_JOB || text + nextText > MAX_TEXT_PER_JOB)) break;
      job.push(next);
      this.advance();
      bytes += size;
      text += nextText;
      if (alone) break;
    }
    return job;
  }

  private peek(): WantedFile {
    return this.returned.length ? this.returned[this.returned.length - 1]! : this.files[this.next]!;
  }

  private advance(): void {
    if (this.returned.length) this.returned.pop();
    else this.next++;
  }
}
