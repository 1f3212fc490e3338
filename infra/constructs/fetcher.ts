import { Duration } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type FunctionDefaults, createPulpFunction } from './pulp-function';

export interface FetcherProps extends FunctionDefaults {
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /** The most fetcher environments at once (the event source's MaximumConcurrency). */
  readonly maxConcurrency: number;
}

/** Deliveries of a download before it dead-letters; the fetcher reports the failure on the last one. */
export const FETCH_MAX_RECEIVE_COUNT = 5;

/**
 * Fetchers: upstream I/O outside the VPC. A sync's worker plans and records; its files go
 * through the download queue to fetchers that stream them from the upstream into S3, verified,
 * and report back. Fetchers never touch Postgres, and the VPC needs no route to the internet.
 */
export class Fetcher extends Construct {
  readonly fn: lambda.Function;
  readonly queue: sqs.Queue;
  readonly dlq: sqs.Queue;

  constructor(scope: Construct, id: string, props: FetcherProps) {
    super(scope, id);
    const common = { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true };
    this.fn = createPulpFunction(this, {
      ...props,
      name: 'fetcher',
      description: 'Pulp fetcher: upstream file -> S3, verified (download queue consumer)',
      timeout: Duration.seconds(props.timeoutSeconds),
      environment: { FETCH_MAX_RECEIVE_COUNT: String(FETCH_MAX_RECEIVE_COUNT) },
    });
    this.dlq = new sqs.Queue(this, 'DownloadDlq', { ...common, retentionPeriod: Duration.days(14) });
    this.queue = new sqs.Queue(this, 'DownloadQueue', {
      ...common,
      // AWS guidance: at least six times the consumer's timeout.
      visibilityTimeout: Duration.seconds(props.timeoutSeconds * 6),
      deadLetterQueue: { queue: this.dlq, maxReceiveCount: FETCH_MAX_RECEIVE_COUNT },
    });
    this.fn.addEventSource(
      new SqsEventSource(this.queue, { batchSize: 10, reportBatchItemFailures: true, maxConcurrency: props.maxConcurrency }),
    );
  }

  /** Lets fn (the worker) hand files to fetchers. */
  bindSender(fn: lambda.Function): void {
    fn.addEnvironment('DOWNLOAD_QUEUE_URL', this.queue.queueUrl);
    this.queue.grantSendMessages(fn);
  }
}
