import { BatchWriteItemCommand, PutItemCommand, QueryCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { FetchResult, FetchResults, ReportedResult } from '../../core/ports/fetch-queue';

/** Results of a sync's fetches, in the delivery index table under `job#<task id>`; they expire after a week. */
const EXPIRE_SECONDS = 7 * 24 * 3600;
const stamp = (ms: number) => String(ms).padStart(15, '0');

export class DynamoFetchResults implements FetchResults {
  constructor(
    private readonly dynamo: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async report(jobId: string, key: string, result: FetchResult): Promise<void> {
    const at = Date.now();
    const value: ReportedResult = { key, result, at };
    await this.dynamo.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: {
          pk: { S: `job#${jobId}` },
          sk: { S: `${stamp(at)}#${key}` },
          v: { S: JSON.stringify(value) },
          expires: { N: String(Math.floor(at / 1000) + EXPIRE_SECONDS) },
        },
      }),
    );
  }

  async results(jobId: string, since: number): Promise<ReportedResult[]> {
    return (await this.items(jobId, stamp(Math.max(0, since)))).map((it) => JSON.parse(it.v!.S!) as ReportedResult);
  }

  async clear(jobId: string): Promise<void> {
    const items = await this.items(jobId, stamp(0));
    for (let i = 0; i < items.length; i += 25) {
      await this.dynamo.send(
        new BatchWriteItemCommand({
          RequestItems: { [this.tableName]: items.slice(i, i + 25).map((it) => ({ DeleteRequest: { Key: { pk: it.pk!, sk: it.sk! } } })) },
        }),
      );
    }
  }

  private async items(jobId: string, from: string): Promise<Array<Record<string, AttributeValue>>> {
    const out: Array<Record<string, AttributeValue>> = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.dynamo.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk >= :from',
          ExpressionAttributeValues: { ':pk': { S: `job#${jobId}` }, ':from': { S: from } },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      out.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }
}
