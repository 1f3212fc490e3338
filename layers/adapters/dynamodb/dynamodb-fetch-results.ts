import {
  BatchGetItemCommand,
  type BatchGetItemCommandOutput,
  BatchWriteItemCommand,
  PutItemCommand,
  QueryCommand,
  type AttributeValue,
  type DynamoDBClient,
  type KeysAndAttributes,
} from '@aws-sdk/client-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FetchResult, FetchResults, ReportedResult } from '../../core/ports/fetch-queue';

/** Results of a task's fetches, in the delivery index table under `job#<task id>`; they expire after a week. */
const EXPIRE_SECONDS = 7 * 24 * 3600;
/** BatchGetItem reads at most this many keys per call. */
const GET_BATCH = 100;
/** A result per key: a later report of the same key (a redelivered job) replaces the earlier one. */
const sortKey = (key: string) => `r#${key}`;

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
          sk: { S: sortKey(key) },
          v: { S: JSON.stringify(value) },
          expires: { N: String(Math.floor(at / 1000) + EXPIRE_SECONDS) },
        },
      }),
    );
  }

  async results(jobId: string, keys: readonly string[], since: number): Promise<ReportedResult[]> {
    const found: ReportedResult[] = [];
    const unique = [...new Set(keys)];
    for (let i = 0; i < unique.length; i += GET_BATCH) {
      const wanted: KeysAndAttributes = {
        Keys: unique.slice(i, i + GET_BATCH).map((key) => ({ pk: { S: `job#${jobId}` }, sk: { S: sortKey(key) } })),
        ConsistentRead: true,
      };
      // DynamoDB may leave keys unprocessed under throttling: ask again for just those, backing off.
      for (let request: KeysAndAttributes | undefined = wanted, attempt = 0; request?.Keys?.length; attempt++) {
        if (attempt) await sleep(Math.min(1000, 50 * 2 ** attempt));
        const page: BatchGetItemCommandOutput = await this.dynamo.send(new BatchGetItemCommand({ RequestItems: { [this.tableName]: request } }));
        for (const item of page.Responses?.[this.tableName] ?? []) {
          const value = JSON.parse(item.v!.S!) as ReportedResult;
          if (value.at >= since) found.push(value);
        }
        request = page.UnprocessedKeys?.[this.tableName];
      }
    }
    return found;
  }

  async clear(jobId: string): Promise<void> {
    const items = await this.items(jobId);
    for (let i = 0; i < items.length; i += 25) {
      await this.dynamo.send(
        new BatchWriteItemCommand({
          RequestItems: { [this.tableName]: items.slice(i, i + 25).map((it) => ({ DeleteRequest: { Key: { pk: it.pk!, sk: it.sk! } } })) },
        }),
      );
    }
  }

  private async items(jobId: string): Promise<Array<Record<string, AttributeValue>>> {
    const out: Array<Record<string, AttributeValue>> = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.dynamo.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: `job#${jobId}` } },
          ProjectionExpression: 'pk, sk',
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
