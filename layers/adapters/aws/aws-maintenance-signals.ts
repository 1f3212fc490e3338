import { type DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { FullRun, MaintenanceSignals } from '../../core/ports/maintenance-signals';

const META = 'meta';
const COUNTS = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'] as const;

/**
 * The signals from SQS queue attributes and `meta` items of the delivery table (the same table
 * whose `attach` / `pulled` partitions hold the content app's pending work).
 */
export class AwsMaintenanceSignals implements MaintenanceSignals {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrls: string[],
    private readonly dynamo: DynamoDBClient,
    private readonly table: string,
  ) {}

  async queuedTaskMessages(): Promise<number> {
    let total = 0;
    for (const QueueUrl of this.queueUrls) {
      const out = await this.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: [...COUNTS] }));
      for (const name of COUNTS) total += Number(out.Attributes?.[name] ?? 0);
    }
    return total;
  }

  async contentWorkPending(): Promise<boolean> {
    for (const pk of ['attach', 'pulled']) {
      const out = await this.dynamo.send(
        new QueryCommand({ TableName: this.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: pk } }, Limit: 1 }),
      );
      if ((out.Items ?? []).length) return true;
    }
    return false;
  }

  async lastActivity(): Promise<number | undefined> {
    return (await this.read<{ at: number }>('activity'))?.at;
  }

  async markActivity(at: number): Promise<void> {
    await this.write('activity', { at });
  }

  lastFullRun(): Promise<FullRun | undefined> {
    return this.read<FullRun>('full-run');
  }

  async recordFullRun(run: FullRun): Promise<void> {
    await this.write('full-run', run);
  }

  private async read<T>(sk: string): Promise<T | undefined> {
    const out = await this.dynamo.send(new GetItemCommand({ TableName: this.table, Key: { pk: { S: META }, sk: { S: sk } } }));
    const text = out.Item?.v?.S;
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  private async write(sk: string, value: unknown): Promise<void> {
    await this.dynamo.send(new PutItemCommand({ TableName: this.table, Item: { pk: { S: META }, sk: { S: sk }, v: { S: JSON.stringify(value) } } }));
  }
}
