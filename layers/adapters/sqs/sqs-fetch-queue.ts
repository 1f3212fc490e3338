import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { FetchJob, FetchQueue } from '../../core/ports/fetch-queue';

/** SQS's limit per SendMessageBatch. */
const BATCH = 10;

/** The download queue (a standard queue: fetches need no order) that fetcher functions consume. */
export class SqsFetchQueue implements FetchQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(jobs: FetchJob[]): Promise<void> {
    for (let i = 0; i < jobs.length; i += BATCH) {
      const batch = jobs.slice(i, i + BATCH);
      const out = await this.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: batch.map((job, n) => ({ Id: String(n), MessageBody: JSON.stringify(job) })),
        }),
      );
      if (out.Failed?.length) throw new Error(`The download queue refused ${out.Failed.length} job(s): ${out.Failed[0]!.Message ?? out.Failed[0]!.Code}`);
    }
  }
}

const FIELDS: Record<FetchJob['kind'], string[]> = {
  files: ['remoteId', 'remoteVersion'],
  document: ['url', 'remoteId', 'remoteVersion'],
  documents: ['remoteId', 'remoteVersion'],
  url: ['url'],
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A job from a download queue message; a malformed body is an error (the message dead-letters). */
export function parseFetchJob(body: string): FetchJob {
  const parsed: unknown = JSON.parse(body);
  if (!isRecord(parsed)) throw new Error('Fetch job must be an object');
  const job = parsed.kind === 'artifact' ? fromLegacyArtifact(parsed) : parsed;
  const fields = Object.hasOwn(FIELDS, job.kind as string) ? FIELDS[job.kind as FetchJob['kind']] : undefined;
  if (!fields) throw new Error('Fetch job has no known kind');
  for (const field of ['jobId', 'key', ...fields]) {
    if (typeof job[field] !== 'string') throw new Error(`Fetch job has no ${field}`);
  }
  if ((job.kind === 'document' || job.kind === 'documents') && typeof job.limit !== 'number') throw new Error('Fetch job limit must be a number');
  if (job.kind === 'files' || job.kind === 'documents') {
    if (job.rateLimit !== undefined && !(typeof job.rateLimit === 'number' && job.rateLimit > 0)) throw new Error('Fetch job rateLimit must be a positive number');
  }
  if (job.kind === 'documents' && !(Array.isArray(job.urls) && job.urls.length > 0 && job.urls.every((u) => typeof u === 'string'))) {
    throw new Error('Fetch job urls must be a list of URLs');
  }
  if (job.kind === 'files') {
    if (!Array.isArray(job.files) || job.files.length === 0) throw new Error('Fetch job has no files');
    for (const file of job.files as unknown[]) {
      if (!isRecord(file) || typeof file.url !== 'string' || typeof file.sha256 !== 'string' || typeof file.name !== 'string') {
        throw new Error('Fetch job file needs url, sha256 and name');
      }
      if (file.size !== undefined && typeof file.size !== 'number') throw new Error('Fetch job file size must be a number');
    }
  }
  return job as unknown as FetchJob;
}

/**
 * The release before jobs sent each file alone: `{ kind: 'artifact', jobId, key, url,
 * remoteId, remoteVersion, sha256, size?, name }`. A message it left in the queue during a
 * deploy is a one-file job whose file's outcome is its result (then checked as any job).
 */
function fromLegacyArtifact(job: Record<string, unknown>): Record<string, unknown> {
  const { url, sha256, size, name, ...rest } = job;
  return { ...rest, kind: 'files', files: [{ url, sha256, name, ...(size !== undefined ? { size } : {}) }], legacyArtifact: true };
}
