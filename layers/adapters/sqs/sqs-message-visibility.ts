import { ChangeMessageVisibilityCommand, type SQSClient } from '@aws-sdk/client-sqs';

/**
 * When a received message comes back. The queue's visibility timeout must cover the longest
 * invocation (6 x the worker timeout), which would hold a FIFO group for 90 minutes after any
 * failure; instead the worker keeps the message hidden only while it works on it, and on a
 * failure lets it back after a short backoff.
 */
export class SqsMessageVisibility {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  /** The message becomes visible again `seconds` from now (0: at once). */
  async set(receiptHandle: string, seconds: number): Promise<void> {
    await this.sqs.send(
      new ChangeMessageVisibilityCommand({ QueueUrl: this.queueUrl, ReceiptHandle: receiptHandle, VisibilityTimeout: Math.round(seconds) }),
    );
  }

  /**
   * Keeps the message hidden `seconds` at a time, renewed every third of that, until stop():
   * if the invocation dies (a crash, a Lambda timeout) the message is back within `seconds`.
   * The first change waits `afterMs`: most records are done by then and cost no extra call.
   * A renewal that fails only lets the message back early: a second delivery finds the task
   * running and is dropped.
   */
  hold(receiptHandle: string, seconds: number, afterMs: number): { stop(): void } {
    const renew = () => void this.set(receiptHandle, seconds).catch(() => undefined);
    let timer: NodeJS.Timeout = setTimeout(() => {
      renew();
      timer = setInterval(renew, (seconds * 1000) / 3);
      timer.unref?.();
    }, afterMs);
    timer.unref?.();
    return { stop: () => clearTimeout(timer) };
  }
}

/**
 * The wait before the next delivery after the `receiveCount`-th one failed: doubling from
 * `baseSeconds`, at most `capSeconds`; at `maxReceiveCount` none, so the next receive moves the
 * message to the DLQ at once. With the defaults (10 s, 5 receives) that is 10, 20, 40, 80 s:
 * a transient failure is retried within seconds, a poison message is dead-lettered in minutes.
 */
export function retryDelaySeconds(receiveCount: number, maxReceiveCount: number, baseSeconds: number, capSeconds = 300): number {
  if (receiveCount >= maxReceiveCount) return 0;
  return Math.min(capSeconds, baseSeconds * 2 ** Math.max(0, receiveCount - 1));
}
