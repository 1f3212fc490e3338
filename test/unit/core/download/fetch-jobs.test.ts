import { describe, expect, it } from 'vitest';
import type { WantedFile } from '../../../../layers/core/download/download-service';
import { DOCUMENT_JOBS, FILE_JOBS, JobPlanner, MAX_DOCUMENTS_PER_JOB, MAX_BYTES_PER_JOB, MAX_FILES_PER_JOB, MAX_TEXT_PER_JOB, UNKNOWN_SIZE_BYTES } from '../../../../layers/core/download/fetch-jobs';

const file = (n: number, size: number | undefined = 4096, url = `https://upstream.example/f-${n}`): WantedFile => ({
  url,
  sha256: n.toString(16).padStart(64, '0'),
  size,
  name: `f-${n}`,
});
const files = (count: number, size?: number) => Array.from({ length: count }, (_, n) => file(n, size));

describe('JobPlanner', () => {
  it.each([
    { case: 'spreads what is left over the slots', queue: 100, slots: 10, taken: 10 },
    { case: 'rounds up, so no file waits for a slot of its own', queue: 101, slots: 10, taken: 11 },
    { case: 'caps a job at MAX_FILES_PER_JOB', queue: 5000, slots: 10, taken: MAX_FILES_PER_JOB },
    { case: 'takes one file when there are more slots than files', queue: 3, slots: 10, taken: 1 },
    { case: 'treats zero slots as one', queue: 4, slots: 0, taken: 4 },
  ])('$case', ({ queue, slots, taken }) => {
    // Prepare
    const planner = new JobPlanner(files(queue), FILE_JOBS);

    // Act
    const job = planner.take(slots);

    // Assess
    expect(job.map((f) => f.name)).toEqual(files(taken).map((f) => f.name));
    expect(planner.left).toBe(queue - taken);
  });

  it('sends a file known to be bigger than a job may be alone, ending the job before it', () => {
    // Prepare
    const big = file(2, MAX_BYTES_PER_JOB + 1);
    const planner = new JobPlanner([file(0), file(1), big, file(3)], FILE_JOBS);

    // Act
    const first = planner.take(1);
    const second = planner.take(1);
    const third = planner.take(1);

    // Assess
    expect(first.map((f) => f.name)).toEqual(['f-0', 'f-1']);
    expect(second).toEqual([big]);
    expect(third.map((f) => f.name)).toEqual(['f-3']);
  });

  it('lets files of unknown size share a job, each counted as UNKNOWN_SIZE_BYTES', () => {
    // Prepare
    const unknown = Array.from({ length: 20 }, (_, n) => ({ ...file(n), size: undefined }));
    const planner = new JobPlanner(unknown, FILE_JOBS);

    // Act
    const job = planner.take(1);

    // Assess
    expect(job).toHaveLength(Math.floor(MAX_BYTES_PER_JOB / UNKNOWN_SIZE_BYTES));
  });

  it('keeps a job within MAX_BYTES_PER_JOB', () => {
    // Prepare
    const planner = new JobPlanner(files(10, Math.floor(MAX_BYTES_PER_JOB / 3)), FILE_JOBS);

    // Act
    const job = planner.take(1);

    // Assess
    expect(job).toHaveLength(3);
  });

  it('keeps the URLs and names of a job within MAX_TEXT_PER_JOB (its queue message has a size limit)', () => {
    // Prepare
    const long = 'x'.repeat(MAX_TEXT_PER_JOB / 4);
    const planner = new JobPlanner(Array.from({ length: 10 }, (_, n) => file(n, 10, `https://upstream.example/${long}`)), FILE_JOBS);

    // Act
    const job = planner.take(1);

    // Assess
    expect(job).toHaveLength(3);
    expect(job.reduce((sum, f) => sum + f.url.length + f.name.length, 0)).toBeLessThanOrEqual(MAX_TEXT_PER_JOB);
  });

  it('always takes one file, whatever its URL', () => {
    // Prepare
    const planner = new JobPlanner([file(0, 10, `https://upstream.example/${'y'.repeat(MAX_TEXT_PER_JOB)}`)], FILE_JOBS);

    // Act
    const job = planner.take(1);

    // Assess
    expect(job).toHaveLength(1);
    expect(planner.left).toBe(0);
    expect(planner.take(1)).toEqual([]);
  });

  it('hands out every file once, in order, whatever the slots', () => {
    // Prepare
    const all = files(1003);
    const planner = new JobPlanner(all, FILE_JOBS);

    // Act
    const jobs: WantedFile[][] = [];
    for (let slots = 1; planner.left; slots = (slots % 13) + 1) jobs.push(planner.take(slots));

    // Assess
    expect(jobs.flat()).toEqual(all);
    expect(jobs.every((job) => job.length >= 1 && job.length <= MAX_FILES_PER_JOB)).toBe(true);
  });

  it('plans files given back again first, in their order, before the rest', () => {
    // Prepare
    const planner = new JobPlanner(files(30), FILE_JOBS);
    const first = planner.take(3);
    const untried = first.slice(4);

    // Act
    planner.giveBack(untried);
    const next = planner.take(1);

    // Assess
    expect(first).toHaveLength(10);
    expect(planner.left).toBe(0);
    expect(next.map((f) => f.name)).toEqual([...untried, ...files(30).slice(10)].map((f) => f.name));
  });

  it('hands out every file once even when some come back', () => {
    // Prepare
    const all = files(500);
    const planner = new JobPlanner(all, FILE_JOBS);
    const fetched: WantedFile[] = [];

    // Act: every job's second half is handed back once
    const backOnce = new Set<string>();
    while (planner.left) {
      const job = planner.take(4);
      const half = job.slice(Math.ceil(job.length / 2)).filter((f) => !backOnce.has(f.sha256));
      for (const f of half) backOnce.add(f.sha256);
      planner.giveBack(half);
      fetched.push(...job.filter((f) => !half.includes(f)));
    }

    // Assess
    expect(fetched.map((f) => f.sha256).sort()).toEqual(all.map((f) => f.sha256).sort());
  });

  it.each([
    { case: 'caps a job of documents at MAX_DOCUMENTS_PER_JOB whatever their sizes', count: 100, slots: 1, length: 40, taken: MAX_DOCUMENTS_PER_JOB },
    { case: 'keeps the URLs of a job within MAX_TEXT_PER_JOB', count: 20, slots: 1, length: Math.floor(MAX_TEXT_PER_JOB / 4), taken: 3 },
  ])('$case', ({ count, slots, length, taken }) => {
    // Prepare
    const urls = Array.from({ length: count }, (_, i) => ({ url: `https://index.example/${String(i).padStart(length, 'p')}` }));
    const planner = new JobPlanner(urls, DOCUMENT_JOBS);

    // Act
    const job = planner.take(slots);

    // Assess
    expect(job).toEqual(urls.slice(0, taken));
  });
});
