import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { awsClientConfig, ensureAwsResources, type AwsResourceOptions } from '../../../local/aws-resources';

const REGION = 'us-east-1';

function uniqueOptions(prefix: string): AwsResourceOptions {
  const unique = `${prefix}-${randomBytes(5).toString('hex')}`;
  return {
    endpoint: inject('awsEndpoint'),
    region: REGION,
    bucket: `${unique}-content`,
    taskQueueName: `${unique}-tasks.fifo`,
    downloadQueueName: `${unique}-downloads`,
    deliveryTable: `${unique}-delivery`,
  };
}

describe('ensureAwsResources', () => {
  let sqs: SQSClient;
  let s3: S3Client;

  beforeAll(() => {
    sqs = new SQSClient(awsClientConfig(inject('awsEndpoint'), REGION));
    s3 = new S3Client(awsClientConfig(inject('awsEndpoint'), REGION));
  });

  afterAll(() => {
    sqs.destroy();
    s3.destroy();
  });

  async function attributes(queueUrl: string): Promise<Record<string, string>> {
    const result = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] }));
    return result.Attributes ?? {};
  }

  it('returns the same queues when called twice, and the bucket exists', async () => {
    // Prepare
    const options = uniqueOptions('twice');

    // Act
    const first = await ensureAwsResources(options);
    const second = await ensureAwsResources(options);

    // Assess
    expect(second).toEqual(first);
    expect(new Set(Object.values(first)).size).toBe(3);
    await expect(s3.send(new HeadBucketCommand({ Bucket: options.bucket }))).resolves.toBeDefined();
  });

  it.each([
    { queue: 'taskQueueUrl', expected: { FifoQueue: 'true', ContentBasedDeduplication: 'false', VisibilityTimeout: '60' } },
    { queue: 'taskDlqUrl', expected: { FifoQueue: 'true', ContentBasedDeduplication: 'false' } },
    { queue: 'downloadQueueUrl', expected: { VisibilityTimeout: '60' } },
  ] as const)('configures $queue', async ({ queue, expected }) => {
    // Prepare
    const options = uniqueOptions('attrs');

    // Act
    const urls = await ensureAwsResources(options);

    // Assess
    const actual = await attributes(urls[queue]);
    expect(actual).toMatchObject(expected);
    if (queue === 'downloadQueueUrl') expect(actual.FifoQueue).toBeUndefined();
  });

  it('points the task queue at its FIFO DLQ after 5 receives', async () => {
    // Prepare
    const options = uniqueOptions('redrive');

    // Act
    const urls = await ensureAwsResources(options);

    // Assess
    const dlqArn = (await attributes(urls.taskDlqUrl)).QueueArn;
    const redrive = JSON.parse((await attributes(urls.taskQueueUrl)).RedrivePolicy ?? '{}') as Record<string, unknown>;
    expect(dlqArn).toMatch(/-tasks-dlq\.fifo$/);
    expect(redrive.deadLetterTargetArn).toBe(dlqArn);
    expect(Number(redrive.maxReceiveCount)).toBe(5);
  });

  it('applies changed settings to queues that already exist', async () => {
    // Prepare
    const options = uniqueOptions('update');
    await ensureAwsResources(options);

    // Act
    const urls = await ensureAwsResources({ ...options, visibilityTimeoutSeconds: 7, maxReceiveCount: 2 });

    // Assess
    const task = await attributes(urls.taskQueueUrl);
    expect(task.VisibilityTimeout).toBe('7');
    expect(Number((JSON.parse(task.RedrivePolicy ?? '{}') as { maxReceiveCount?: unknown }).maxReceiveCount)).toBe(2);
    expect((await attributes(urls.downloadQueueUrl)).VisibilityTimeout).toBe('7');
  });

  it('refuses a task queue name without .fifo', async () => {
    // Prepare
    const options = { ...uniqueOptions('nofifo'), taskQueueName: 'tasks' };

    // Act
    const attempt = ensureAwsResources(options);

    // Assess
    await expect(attempt).rejects.toThrow(/\.fifo/);
  });
});
