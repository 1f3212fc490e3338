import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type Message,
  type MessageAttributeValue,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSMessageAttributes, SQSRecord } from 'aws-lambda';
import { DeliveryGuard } from './delivery-guard';
import { createLambdaContext } from './lambda-context';

export type SqsLambdaHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

export interface SqsPollerOptions {
  sqs: SQSClient;
  queueUrl: string;
  /** Reported as eventSourceARN; looked up from the queue when omitted. */
  queueArn?: string;
  handler: SqsLambdaHandler;
  /** Independent receive loops, like the event source mapping's concurrent invocations. */
  concurrency: number;
  /** Records per invocation; default 1 (FIFO: moto misorders a group with several in flight). */
  batchSize?: number;
  /**
   * Long-poll wait; default 20 s (the maximum). stop() interrupts it. 0 polls without waiting
   * and sleeps between empty receives instead, backing off up to IDLE_BACKOFF_MAX_MS: moto's
   * long poll spins a CPU for the whole wait while every FIFO group that has messages has one
   * in flight, so against moto a short poll is far cheaper.
   */
  waitTimeSeconds?: number;
  functionName: string;
  /** Lambda timeout: a handler still running after it counts as failed, as in Lambda. */
  timeoutMs: number;
  log?: (msg: string) => void;
}

export interface SqsPoller {
  /** Ends the loops promptly and resolves once in-flight handlers have finished. */
  stop(): Promise<void>;
}

const ERROR_BACKOFF_MS = 1_000;
const IDLE_BACKOFF_MIN_MS = 25;
const IDLE_BACKOFF_MAX_MS = 250;

/**
 * Feeds an SQS queue to a Lambda handler in-process, the way the event source mapping does:
 * receive, invoke, delete what succeeded. Failed or thrown messages are left alone and come
 * back after the visibility timeout (and reach the DLQ after maxReceiveCount).
 */
export function startSqsPoller(opts: SqsPollerOptions): SqsPoller {
  const log = opts.log ?? (() => {});
  const abort = new AbortController();
  let stopped = false;
  let source: Promise<{ arn: string; region: string }> | undefined;
  const eventSource = () => (source ??= describeSource(opts));

  const waitTimeSeconds = opts.waitTimeSeconds ?? 20;
  const guard = new DeliveryGuard();

  async function loop(): Promise<void> {
    let idleBackoff = IDLE_BACKOFF_MIN_MS;
    while (!stopped) {
      let messages: Message[];
      try {
        const { arn, region } = await eventSource();
        const received = await opts.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: opts.queueUrl,
            // One at a time by default: moto misorders a FIFO group when several of its
            // messages are in flight together, and it keeps per-group order simple.
            MaxNumberOfMessages: opts.batchSize ?? 1,
            WaitTimeSeconds: waitTimeSeconds,
            AttributeNames: ['All'],
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
          { abortSignal: abort.signal },
        );
        messages = received.Messages ?? [];
        if (messages.length === 0) {
          if (waitTimeSeconds === 0) {
            await sleep(idleBackoff, abort.signal);
            idleBackoff = Math.min(IDLE_BACKOFF_MAX_MS, idleBackoff * 2);
          }
          continue;
        }
        idleBackoff = IDLE_BACKOFF_MIN_MS;
        // A copy of a message this process has in hand waits for it; one of a done message goes.
        const claims = messages.map((message) => ({ message, claim: guard.claim(message.MessageId ?? '', message.ReceiptHandle ?? '') }));
        await deleteReceipts(claims.filter((c) => c.claim === 'copy-of-done').map((c) => c.message.ReceiptHandle ?? ''));
        const records = claims.filter((c) => c.claim === 'handle').map((c) => toRecord(c.message, arn, region));
        if (records.length) await invoke(records);
      } catch (error) {
        if (stopped) break;
        source = undefined;
        log(`sqs poller ${opts.functionName}: ${describe(error)}`);
        await sleep(ERROR_BACKOFF_MS, abort.signal);
      }
    }
  }

  async function invoke(records: SQSRecord[]): Promise<void> {
    let deleted = new Set<string>();
    try {
      const failed = await runHandler({ Records: records }, createLambdaContext({ functionName: opts.functionName, timeoutMs: opts.timeoutMs }));
      const succeeded = records.filter((record) => !failed.has(record.messageId));
      const notDeleted = await deleteReceipts(succeeded.map((record) => record.receiptHandle));
      deleted = new Set(succeeded.filter((record) => !notDeleted.has(record.receiptHandle)).map((record) => record.messageId));
    } finally {
      const copies = records.flatMap((record) => guard.release(record.messageId, deleted.has(record.messageId)));
      await deleteReceipts(copies);
    }
  }

  /** Deletes by receipt; returns the receipts that could not be deleted. */
  async function deleteReceipts(receipts: string[]): Promise<Set<string>> {
    const notDeleted = new Set<string>();
    // Not tied to the abort signal: a finished handler's messages must be deleted even
    // while stopping, or they would run twice.
    for (let at = 0; at < receipts.length; at += 10) {
      const batch = receipts.slice(at, at + 10);
      const result = await opts.sqs.send(
        new DeleteMessageBatchCommand({ QueueUrl: opts.queueUrl, Entries: batch.map((receipt, index) => ({ Id: String(index), ReceiptHandle: receipt })) }),
      );
      for (const failure of result.Failed ?? []) {
        notDeleted.add(batch[Number(failure.Id)]!);
        log(`sqs poller ${opts.functionName}: delete failed: ${failure.Code} ${failure.Message ?? ''}`);
      }
    }
    return notDeleted;
  }

  /** Runs the handler; returns the ids of the messages that must not be deleted. */
  async function runHandler(event: SQSEvent, context: Context): Promise<Set<string>> {
    const all = new Set(event.Records.map((record) => record.messageId));
    let timer: NodeJS.Timeout | undefined;
    const running = opts.handler(event, context);
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), opts.timeoutMs);
    });
    try {
      const outcome = await Promise.race([running, timedOut]);
      if (outcome === 'timeout') {
        log(`sqs poller ${opts.functionName}: handler timed out after ${opts.timeoutMs} ms; messages will be redelivered`);
        // Lambda would kill it; here it cannot be killed, so wait to keep concurrency bounded.
        await running.catch(() => undefined);
        return all;
      }
      const failures = outcome?.batchItemFailures ?? [];
      // As in Lambda: an identifier that is not in the batch fails the whole batch.
      if (failures.some((failure) => !all.has(failure.itemIdentifier))) {
        log(`sqs poller ${opts.functionName}: batchItemFailures names an unknown message; failing the batch`);
        return all;
      }
      return new Set(failures.map((failure) => failure.itemIdentifier));
    } catch (error) {
      log(`sqs poller ${opts.functionName}: handler threw: ${describe(error)}`);
      return all;
    } finally {
      clearTimeout(timer);
    }
  }

  const loops = Array.from({ length: Math.max(1, opts.concurrency) }, () => loop());

  return {
    stop: async () => {
      stopped = true;
      abort.abort();
      await Promise.all(loops);
    },
  };
}

async function describeSource(opts: SqsPollerOptions): Promise<{ arn: string; region: string }> {
  const region = await opts.sqs.config.region();
  if (opts.queueArn) return { arn: opts.queueArn, region };
  const result = await opts.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: opts.queueUrl, AttributeNames: ['QueueArn'] }),
  );
  return { arn: result.Attributes?.QueueArn ?? opts.queueUrl, region };
}

/** The record Lambda builds from a received message. */
export function toRecord(message: Message, eventSourceARN: string, awsRegion: string): SQSRecord {
  const attributes = message.Attributes ?? {};
  const record: SQSRecord = {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? '',
      SenderId: attributes.SenderId ?? '',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? '',
      ...pick(attributes, ['SequenceNumber', 'MessageGroupId', 'MessageDeduplicationId', 'AWSTraceHeader', 'DeadLetterQueueSourceArn']),
    },
    messageAttributes: toMessageAttributes(message.MessageAttributes ?? {}),
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN,
    awsRegion,
  };
  if (message.MD5OfMessageAttributes) record.md5OfMessageAttributes = message.MD5OfMessageAttributes;
  return record;
}

function toMessageAttributes(attributes: Record<string, MessageAttributeValue>): SQSMessageAttributes {
  const result: SQSMessageAttributes = {};
  for (const [name, value] of Object.entries(attributes)) {
    result[name] = {
      dataType: value.DataType ?? 'String',
      stringListValues: value.StringListValues ?? [],
      binaryListValues: (value.BinaryListValues ?? []).map((bytes) => Buffer.from(bytes).toString('base64')),
      ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
      ...(value.BinaryValue !== undefined ? { binaryValue: Buffer.from(value.BinaryValue).toString('base64') } : {}),
    };
  }
  return result;
}

function pick(source: Record<string, string>, names: string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of names) if (source[name] !== undefined) result[name] = source[name];
  return result;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
