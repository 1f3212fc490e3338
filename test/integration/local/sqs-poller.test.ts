import { createHash } from 'node:crypto';
import {
  GetQueueAttributesCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { awsClientConfig } from '../../../local/aws-resources';
import { startSqsPoller, type SqsPoller } from '../../../local/sqs-poller';
import { createTestAwsResources, type TestAwsResources } from '../../support/test-aws';

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('startSqsPoller', () => {
  let sqs: SQSClient;
  const pollers: SqsPoller[] = [];

  beforeAll(() => {
    sqs = new SQSClient(awsClientConfig(inject('awsEndpoint'), 'us-east-1'));
  });

  afterAll(async () => {
    await Promise.all(pollers.map((poller) => poller.stop()));
    sqs.destroy();
  });

  /**
   * Visibility 1 s by default: failed messages come back quickly. A test that must see each
   * message once asks for longer, so a busy machine cannot make a slow handler's message reappear.
   */
  async function queue(prefix: string, visibilityTimeoutSeconds = 1): Promise<TestAwsResources> {
    return createTestAwsResources(prefix, { visibilityTimeoutSeconds });
  }

  async function remaining(queueUrl: string): Promise<number> {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return Number(Attributes?.ApproximateNumberOfMessages) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible);
  }

  it('handles the messages of one group one at a time and in order, and deletes them', async () => {
    // Prepare
    const { taskQueueUrl } = await queue('poller-order', 60);
    const groups = { A: ['a1', 'a2', 'a3', 'a4', 'a5'], B: ['b1', 'b2', 'b3'] };
    const seen: Record<string, string[]> = { A: [], B: [] };
    const inFlight: Record<string, number> = { A: 0, B: 0 };
    let maxInFlightPerGroup = 0;
    const allDone = deferred();
    let handled = 0;
    const handler = async (event: SQSEvent) => {
      for (const record of event.Records) {
        const group = record.attributes.MessageGroupId ?? '?';
        inFlight[group] = (inFlight[group] ?? 0) + 1;
        maxInFlightPerGroup = Math.max(maxInFlightPerGroup, inFlight[group]!);
        await tick(30); // give other loops a chance to overlap, if the queue let them
        seen[group]!.push(record.body);
        inFlight[group]! -= 1;
        if (++handled === 8) allDone.resolve();
      }
    };
    for (const [group, bodies] of Object.entries(groups)) {
      await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: taskQueueUrl,
          Entries: bodies.map((body) => ({ Id: body, MessageBody: body, MessageGroupId: group, MessageDeduplicationId: body })),
        }),
      );
    }

    // Act
    const poller = startSqsPoller({ sqs, queueUrl: taskQueueUrl, handler, concurrency: 3, waitTimeSeconds: 1, functionName: 'worker', timeoutMs: 30_000 });
    pollers.push(poller);
    await allDone.promise;
    await poller.stop();

    // Assess
    expect(seen).toEqual(groups);
    expect(maxInFlightPerGroup).toBe(1);
    expect(await remaining(taskQueueUrl)).toBe(0);
  });

  it('builds the record the event source mapping would', async () => {
    // Prepare
    const { taskQueueUrl, taskQueueName } = await queue('poller-record');
    const body = '{"taskId":"0192"}';
    const got = deferred<SQSRecord>();
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: taskQueueUrl,
        MessageBody: body,
        MessageGroupId: 'repo-1',
        MessageDeduplicationId: 'task-0192',
        MessageAttributes: {
          kind: { DataType: 'String', StringValue: 'sync' },
          blob: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2]) },
        },
      }),
    );

    // Act
    const poller = startSqsPoller({
      sqs,
      queueUrl: taskQueueUrl,
      handler: async (event) => got.resolve(event.Records[0]!),
      concurrency: 1,
      waitTimeSeconds: 1,
      functionName: 'worker',
      timeoutMs: 30_000,
    });
    pollers.push(poller);
    const record = await got.promise;
    await poller.stop();

    // Assess
    expect(record).toMatchObject({
      body,
      md5OfBody: createHash('md5').update(body).digest('hex'),
      eventSource: 'aws:sqs',
      awsRegion: 'us-east-1',
      attributes: { MessageGroupId: 'repo-1', MessageDeduplicationId: 'task-0192', ApproximateReceiveCount: '1' },
      messageAttributes: {
        kind: { dataType: 'String', stringValue: 'sync', stringListValues: [], binaryListValues: [] },
        blob: { dataType: 'Binary', binaryValue: 'AQI=' },
      },
    });
    expect(record.eventSourceARN).toMatch(new RegExp(`^arn:aws:sqs:us-east-1:\\d+:${taskQueueName.replace('.', '\\.')}$`));
    for (const name of ['SentTimestamp', 'ApproximateFirstReceiveTimestamp', 'SequenceNumber', 'SenderId'] as const) {
      expect(record.attributes[name], name).toMatch(/\S/);
    }
    expect(record.messageId).toMatch(/\S/);
    expect(record.receiptHandle).toMatch(/\S/);
    expect(record.md5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
  });

  it.each([
    { name: 'listed in batchItemFailures', fail: (record: SQSRecord): SQSBatchResponse => ({ batchItemFailures: [{ itemIdentifier: record.messageId }] }) },
    { name: 'thrown by the handler', fail: (): SQSBatchResponse => { throw new Error('transient'); } },
  ])('redelivers a message $name, with ApproximateReceiveCount 2', async ({ fail }) => {
    // Prepare
    const { taskQueueUrl } = await queue('poller-retry');
    const counts: string[] = [];
    const second = deferred();
    await sqs.send(new SendMessageCommand({ QueueUrl: taskQueueUrl, MessageBody: 'once more', MessageGroupId: 'g', MessageDeduplicationId: 'd1' }));
    const handler = async (event: SQSEvent): Promise<SQSBatchResponse | void> => {
      const record = event.Records[0]!;
      counts.push(record.attributes.ApproximateReceiveCount);
      if (counts.length === 1) return fail(record);
      second.resolve();
    };

    // Act
    const poller = startSqsPoller({ sqs, queueUrl: taskQueueUrl, handler, concurrency: 1, waitTimeSeconds: 1, functionName: 'worker', timeoutMs: 30_000, log: () => {} });
    pollers.push(poller);
    await second.promise;
    await poller.stop();

    // Assess
    expect(counts).toEqual(['1', '2']);
    expect(await remaining(taskQueueUrl)).toBe(0);
  });

  it('stops promptly while long-polling an empty queue', async () => {
    // Prepare
    const { taskQueueUrl } = await queue('poller-stop');
    const poller = startSqsPoller({ sqs, queueUrl: taskQueueUrl, handler: async () => {}, concurrency: 2, waitTimeSeconds: 20, functionName: 'worker', timeoutMs: 30_000 });
    await tick(300); // let both loops enter their long poll

    // Act
    await poller.stop();

    // Assess: reaching here before the test's 15 s bound proves the 20 s polls were cut short
    expect(await remaining(taskQueueUrl)).toBe(0);
  }, 15_000);

  it('short-polls without waiting: handles messages sent while it idles, then stops promptly', async () => {
    // Prepare
    const { taskQueueUrl } = await queue('poller-short');
    const bodies: string[] = [];
    const two = deferred();
    const poller = startSqsPoller({
      sqs,
      queueUrl: taskQueueUrl,
      handler: async (event) => {
        bodies.push(...event.Records.map((r) => r.body));
        if (bodies.length === 2) two.resolve();
      },
      concurrency: 2,
      waitTimeSeconds: 0,
      functionName: 'worker',
      timeoutMs: 30_000,
    });
    await tick(600); // idle long enough to back off fully
    // Act
    for (const body of ['s1', 's2']) {
      await sqs.send(new SendMessageCommand({ QueueUrl: taskQueueUrl, MessageBody: body, MessageGroupId: body, MessageDeduplicationId: body }));
    }
    await two.promise;
    await poller.stop();
    // Assess
    expect(bodies.sort()).toEqual(['s1', 's2']);
    expect(await remaining(taskQueueUrl)).toBe(0);
  });

  it('waits for an in-flight handler on stop and still deletes its message', async () => {
    // Prepare
    const { taskQueueUrl } = await queue('poller-drain', 60);
    const started = deferred();
    const release = deferred();
    await sqs.send(new SendMessageCommand({ QueueUrl: taskQueueUrl, MessageBody: 'slow', MessageGroupId: 'g', MessageDeduplicationId: 'slow' }));
    const poller = startSqsPoller({
      sqs,
      queueUrl: taskQueueUrl,
      handler: async () => {
        started.resolve();
        await release.promise;
      },
      concurrency: 1,
      waitTimeSeconds: 1,
      functionName: 'worker',
      timeoutMs: 30_000,
    });
    await started.promise;

    // Act
    let stopped = false;
    const stopping = poller.stop().then(() => (stopped = true));
    await tick(200);
    const stoppedBeforeRelease = stopped;
    release.resolve();
    await stopping;

    // Assess
    expect(stoppedBeforeRelease).toBe(false);
    expect(await remaining(taskQueueUrl)).toBe(0);
  });
});
