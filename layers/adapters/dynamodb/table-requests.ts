import {
  BatchGetItemCommand,
  type BatchGetItemCommandOutput,
  BatchWriteItemCommand,
  QueryCommand,
  type AttributeValue,
  type DynamoDBClient,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';

/** The requests our tables make that DynamoDB answers in pages or in part. */
export type Item = Record<string, AttributeValue>;

/** BatchGetItem reads at most this many keys per call; BatchWriteItem takes at most 25 requests. */
const GET_BATCH = 100;
const WRITE_BATCH = 25;

/** Waits before asking again for what DynamoDB left unprocessed (throttling). */
const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));

/** Every item of one partition (or of its sort keys starting with `prefix`), page after page, read consistently. */
export async function queryAll(
  dynamo: DynamoDBClient,
  table: string,
  pk: string,
  opts: { prefix?: string; projection?: string } = {},
): Promise<Item[]> {
  const out: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: opts.prefix === undefined ? 'pk = :pk' : 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': { S: pk }, ...(opts.prefix === undefined ? {} : { ':prefix': { S: opts.prefix } }) },
        ...(opts.projection ? { ProjectionExpression: opts.projection } : {}),
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    out.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** The items under these keys that exist, read consistently; `what` names the table in the error when throttling never lets up. */
export async function batchGetAll(dynamo: DynamoDBClient, table: string, keys: Item[], what: string): Promise<Item[]> {
  const out: Item[] = [];
  for (let i = 0; i < keys.length; i += GET_BATCH) {
    let request: Record<string, { Keys: Item[]; ConsistentRead: boolean }> | undefined = { [table]: { Keys: keys.slice(i, i + GET_BATCH), ConsistentRead: true } };
    for (let attempt = 0; request && attempt < 8; attempt++) {
      const page: BatchGetItemCommandOutput = await dynamo.send(new BatchGetItemCommand({ RequestItems: request }));
      out.push(...(page.Responses?.[table] ?? []));
      const rest: Item[] | undefined = page.UnprocessedKeys?.[table]?.Keys;
      request = rest?.length ? { [table]: { Keys: rest, ConsistentRead: true } } : undefined;
      if (request) await backoff(attempt);
    }
    if (request) throw new Error(`${what} did not answer every key (throttled)`);
  }
  return out;
}

/** Applies every write, 25 to a call, asking again for what DynamoDB left unprocessed. */
export async function batchWriteAll(dynamo: DynamoDBClient, table: string, requests: WriteRequest[], what: string): Promise<void> {
  for (let i = 0; i < requests.length; i += WRITE_BATCH) {
    let pending = requests.slice(i, i + WRITE_BATCH);
    for (let attempt = 0; pending.length && attempt < 10; attempt++) {
      const out = await dynamo.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
      pending = out.UnprocessedItems?.[table] ?? [];
      if (pending.length) await backoff(attempt);
    }
    if (pending.length) throw new Error(`${what} did not take every write (throttled)`);
  }
}
