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
  artifact: ['remoteId', 'remoteVersion', 'sha256', 'name'],
  document: ['remoteId', 'remoteVersion'],
  url: [],
};

/** A job from a download queue message; a malformed body is an error (the message dead-letters). */
export function parseFetchJob(body: string): FetchJob {
  const job = JSON.parse(body) as Record<string, unknown>;
  const fields = FIELDS[job.kind as FetchJob['kind']];
  if (!fields) throw new Error('Fetch job has no known kind');
  for (const field of ['jobId', 'key', 'url', ...fields]) {
    if (typeof job[field] !== 'string') throw new Error(`Fetch job has no ${field}`);
  }
  if (job.size !== undefined && typeof job.size !== 'number') throw new Error('Fetch job size must be a number');
  if (job.kind === 'document' && typeof job.limit !== 'number') throw new Error('Fetch job limit must be a number');
  return job as unknown as FetchJob;
}
