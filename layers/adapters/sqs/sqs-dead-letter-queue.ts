import { DeleteMessageBatchCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DeadLetter, DeadLetterQueue } from '../../core/tasks/dead-letter-queue';
import { parseTaskMessage } from './sqs-task-queue';

/** The task queue's FIFO dead-letter queue, read by the sweeper. */
export class SqsDeadLetterQueue implements DeadLetterQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async receive(max: number): Promise<DeadLetter[]> {
    const { Messages = [] } = await this.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: this.queueUrl, MaxNumberOfMessages: Math.min(10, max), WaitTimeSeconds: 0 }),
    );
    return Messages.map((message) => ({ taskId: taskIdOf(message.Body ?? ''), receipt: message.ReceiptHandle ?? '' }));
  }

  async remove(letters: DeadLetter[]): Promise<void> {
    if (!letters.length) return;
    await this.sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: this.queueUrl,
        Entries: letters.map((letter, index) => ({ Id: String(index), ReceiptHandle: letter.receipt })),
      }),
    );
  }
}

function taskIdOf(body: string): string | undefined {
  try {
    return parseTaskMessage(body).taskId;
  } catch {
    return undefined;
  }
}
