import { PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { FetchResult, FetchResults, ReportedResult } from '../../core/ports/fetch-queue';
import { batchGetAll, batchWriteAll, queryAll } from './table-requests';

/** Results of a task's fetches, in the delivery index table under `job#<task id>`; they expire after a week. */
const EXPIRE_SECONDS = 7 * 24 * 3600;
const WHAT = 'The fetch results';
const partition = (jobId: string) => `job#${jobId}`;
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
          pk: { S: partition(jobId) },
          sk: { S: sortKey(key) },
          v: { S: JSON.stringify(value) },
          expires: { N: String(Math.floor(at / 1000) + EXPIRE_SECONDS) },
        },
      }),
    );
  }

  async results(jobId: string, keys: readonly string[], since: number): Promise<ReportedResult[]> {
    const wanted = [...new Set(keys)].map((key) => ({ pk: { S: partition(jobId) }, sk: { S: sortKey(key) } }));
    return (await batchGetAll(this.dynamo, this.tableName, wanted, WHAT))
      .map((item) => JSON.parse(item.v!.S!) as ReportedResult)
      .filter((value) => value.at >= since);
  }

  async clear(jobId: string): Promise<void> {
    const items = await queryAll(this.dynamo, this.tableName, partition(jobId), { projection: 'pk, sk' });
    await batchWriteAll(this.dynamo, this.tableName, items.map((it) => ({ DeleteRequest: { Key: { pk: it.pk!, sk: it.sk! } } })), WHAT);
  }
}
