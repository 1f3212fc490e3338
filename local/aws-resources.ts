import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client, type BucketLocationConstraint } from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';

export interface LocalAwsClientConfig {
  endpoint: string;
  region: string;
  forcePathStyle: true;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

/**
 * SDK client settings for an emulator: any credentials are accepted, and path-style S3
 * because emulators on 127.0.0.1 cannot serve bucket subdomains.
 */
export function awsClientConfig(endpoint: string, region: string): LocalAwsClientConfig {
  return {
    endpoint,
    region,
    forcePathStyle: true,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
}

export interface AwsResourceOptions {
  endpoint: string;
  region: string;
  bucket: string;
  /** FIFO task queue; must end in .fifo. Its DLQ is named <base>-dlq.fifo. */
  taskQueueName: string;
  /** Standard queue for fanned-out downloads. */
  downloadQueueName: string;
  /** The delivery index table (`pk`, `sk`). */
  deliveryTable: string;
  /** Seconds a received task stays invisible; default 60. */
  visibilityTimeoutSeconds?: number;
  /** Seconds a received download stays invisible (a dead fetcher's file comes back after it); default 60. */
  downloadVisibilityTimeoutSeconds?: number;
  /** Receives before a task message goes to the DLQ; default 5. */
  maxReceiveCount?: number;
}

export interface AwsResources {
  taskQueueUrl: string;
  taskDlqUrl: string;
  downloadQueueUrl: string;
}

const FOURTEEN_DAYS = String(14 * 24 * 3600);

/**
 * Creates, or brings up to date, what the stack's CDK constructs would create: the content
 * bucket, the FIFO task queue with its FIFO dead-letter queue, and the download queue.
 * Safe to call on every start.
 */
export async function ensureAwsResources(opts: AwsResourceOptions): Promise<AwsResources> {
  if (!opts.taskQueueName.endsWith('.fifo')) {
    throw new Error(`taskQueueName must end in .fifo, got "${opts.taskQueueName}"`);
  }
  const config = awsClientConfig(opts.endpoint, opts.region);
  const s3 = new S3Client(config);
  const sqs = new SQSClient(config);
  const dynamo = new DynamoDBClient(config);
  try {
    await ensureBucket(s3, opts.bucket, opts.region);
    await ensureTable(dynamo, opts.deliveryTable);

    const visibility = String(opts.visibilityTimeoutSeconds ?? 60);
    const dlqName = opts.taskQueueName.replace(/\.fifo$/, '-dlq.fifo');
    const taskDlqUrl = await ensureQueue(sqs, dlqName, {
      FifoQueue: 'true',
      ContentBasedDeduplication: 'false',
      MessageRetentionPeriod: FOURTEEN_DAYS,
    });
    const dlqArn = await queueArn(sqs, taskDlqUrl);
    const taskQueueUrl = await ensureQueue(sqs, opts.taskQueueName, {
      FifoQueue: 'true',
      // Tasks are deduplicated by task id (MessageDeduplicationId), never by body.
      ContentBasedDeduplication: 'false',
      VisibilityTimeout: visibility,
      RedrivePolicy: JSON.stringify({
        deadLetterTargetArn: dlqArn,
        maxReceiveCount: opts.maxReceiveCount ?? 5,
      }),
    });
    // A fetcher that dies leaves its message to come back; one that keeps failing dead-letters it.
    const downloadDlqUrl = await ensureQueue(sqs, `${opts.downloadQueueName}-dlq`, { MessageRetentionPeriod: FOURTEEN_DAYS });
    const downloadQueueUrl = await ensureQueue(sqs, opts.downloadQueueName, {
      VisibilityTimeout: String(opts.downloadVisibilityTimeoutSeconds ?? 60),
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: await queueArn(sqs, downloadDlqUrl), maxReceiveCount: 5 }),
    });
    return { taskQueueUrl, taskDlqUrl, downloadQueueUrl };
  } finally {
    s3.destroy();
    sqs.destroy();
    dynamo.destroy();
  }
}

/** The delivery index, keyed as the CDK stack keys it: partition `pk`, sort `sk`, on demand. */
async function ensureTable(dynamo: DynamoDBClient, name: string): Promise<void> {
  try {
    await dynamo.send(
      new CreateTableCommand({
        TableName: name,
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  } catch (error) {
    if (errorName(error) !== 'ResourceInUseException') throw error;
  }
}

async function ensureBucket(s3: S3Client, bucket: string, region: string): Promise<void> {
  try {
    await s3.send(
      new CreateBucketCommand({
        Bucket: bucket,
        // us-east-1 is the one region that rejects an explicit location constraint.
        ...(region === 'us-east-1'
          ? {}
          : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } }),
      }),
    );
  } catch (error) {
    if (errorName(error) !== 'BucketAlreadyOwnedByYou') throw error;
  }
}

/**
 * CreateQueue is only idempotent while the attributes match; an existing queue is updated
 * instead, so a changed timeout or redrive policy applies on the next start.
 */
async function ensureQueue(sqs: SQSClient, name: string, attributes: Record<string, string>): Promise<string> {
  const existing = await sqs.send(new GetQueueUrlCommand({ QueueName: name })).catch((error: unknown) => {
    if (isMissingQueue(error)) return undefined;
    throw error;
  });
  if (!existing?.QueueUrl) {
    const created = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
    if (!created.QueueUrl) throw new Error(`CreateQueue ${name} returned no QueueUrl`);
    return created.QueueUrl;
  }
  // FifoQueue is fixed at creation and rejected by SetQueueAttributes.
  const { FifoQueue: _fixed, ...mutable } = attributes;
  if (Object.keys(mutable).length > 0) {
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: existing.QueueUrl, Attributes: mutable }));
  }
  return existing.QueueUrl;
}

async function queueArn(sqs: SQSClient, queueUrl: string): Promise<string> {
  const result = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  const arn = result.Attributes?.QueueArn;
  if (!arn) throw new Error(`no QueueArn for ${queueUrl}`);
  return arn;
}

function isMissingQueue(error: unknown): boolean {
  const name = errorName(error);
  return name === 'QueueDoesNotExist' || name === 'AWS.SimpleQueueService.NonExistentQueue';
}

function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}
