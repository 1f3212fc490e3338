import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { TaskQueue } from '../../core/tasks/task-queue';

/** The body of a task wake-up message. */
export interface TaskMessage {
  taskId: string;
  /** A continuation of a suspended task rather than a first start. */
  resume?: boolean;
}

export function parseTaskMessage(body: string): TaskMessage {
  const parsed = JSON.parse(body) as Partial<TaskMessage>;
  if (typeof parsed.taskId !== 'string') throw new Error('Task message has no taskId');
  return parsed.resume ? { taskId: parsed.taskId, resume: true } : { taskId: parsed.taskId };
}

/** Wakes workers through the FIFO queue: group = resource, dedup id = task (or wake) id. */
export class SqsTaskQueue implements TaskQueue {
  /** Messages sent by this process, for the burst test's messages-per-task figure. */
  sent = 0;

  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async wake(task: { id: string; messageGroup: string }, wakeId?: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    const body: TaskMessage = { taskId: task.id };
    await this.send(body, task.messageGroup, wakeId ?? task.id, options.signal);
  }

  async resume(task: { id: string; attempts: number }): Promise<void> {
    const body: TaskMessage = { taskId: task.id, resume: true };
    await this.send(body, `continuation:${task.id}`, `${task.id}.resume.${task.attempts}`);
  }

  private async send(body: TaskMessage, group: string, deduplicationId: string, signal?: AbortSignal): Promise<void> {
    if (!this.queueUrl) throw new Error('TASK_QUEUE_URL is not set: this function cannot dispatch tasks');
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(body),
        MessageGroupId: group,
        MessageDeduplicationId: deduplicationId,
      }),
      { abortSignal: signal },
    );
    this.sent++;
  }
}
