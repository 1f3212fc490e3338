import { Duration } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface TaskingProps {
  readonly workerTimeout: Duration;
}

/** Receives before a task message moves to the DLQ; the worker fails the task at this count. */
export const MAX_RECEIVE_COUNT = 5;

/** AWS guidance: visibility >= 6 x the consumer's timeout, so retries never overlap a live run. */
export const VISIBILITY_FACTOR = 6;

/**
 * The task queue (FIFO: group = exclusive resource, so one repository's tasks run in order)
 * and its DLQ. Downloads get their own queue when a consumer exists for it.
 */
export class Tasking extends Construct {
  readonly taskQueue: sqs.Queue;
  readonly taskDlq: sqs.Queue;

  constructor(scope: Construct, id: string, props: TaskingProps) {
    super(scope, id);
    const visibilityTimeout = Duration.seconds(props.workerTimeout.toSeconds() * VISIBILITY_FACTOR);
    const common = {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    };

    // A FIFO queue may only redrive into a FIFO DLQ.
    this.taskDlq = new sqs.Queue(this, 'TaskDlq', {
      ...common,
      fifo: true,
      retentionPeriod: Duration.days(14),
    });
    this.taskQueue = new sqs.Queue(this, 'TaskQueue', {
      ...common,
      fifo: true,
      // Producers set MessageDeduplicationId = task id; the body is not a safe key.
      contentBasedDeduplication: false,
      visibilityTimeout,
      deadLetterQueue: { queue: this.taskDlq, maxReceiveCount: MAX_RECEIVE_COUNT },
    });
  }

  /** Lets fn enqueue tasks (api, sweeper, and the worker for continuations and re-kicks). */
  bindTaskSender(fn: lambda.Function): void {
    fn.addEnvironment('TASK_QUEUE_URL', this.taskQueue.queueUrl);
    this.taskQueue.grantSendMessages(fn);
  }

  /**
   * Makes fn (the sweeper) the DLQ's one consumer: it fails the task a dead message names (if a
   * worker could not) and deletes the message, counting it as `tasks_dead_lettered`. Its
   * attribute counts, with the task queue's, are the cheap signal read before Postgres.
   */
  bindDlqDrainer(fn: lambda.Function): void {
    fn.addEnvironment('TASK_DLQ_URL', this.taskDlq.queueUrl);
    this.taskDlq.grantConsumeMessages(fn);
  }

  /**
   * Wires the worker as the task queue consumer. Batch size 1: a task may use most of the
   * invocation's time, so batching would starve the later records. MaximumConcurrency caps
   * Aurora connections; reserved concurrency must be >= it or messages get throttled.
   */
  attachWorker(worker: lambda.Function, maxConcurrency: number): void {
    worker.addEnvironment('TASK_DLQ_URL', this.taskDlq.queueUrl);
    worker.addEnvironment('TASK_MAX_RECEIVE_COUNT', String(MAX_RECEIVE_COUNT));
    worker.addEventSource(
      new SqsEventSource(this.taskQueue, {
        batchSize: 1,
        reportBatchItemFailures: true,
        maxConcurrency,
      }),
    );
  }
}
