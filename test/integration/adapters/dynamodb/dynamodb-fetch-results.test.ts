import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoFetchResults } from '../../../../layers/adapters/dynamodb/dynamodb-fetch-results';
import { createTestAwsResources } from '../../../support/test-aws';

describe('DynamoFetchResults on the emulator', () => {
  let dynamo: DynamoDBClient;
  let results: DynamoFetchResults;

  beforeAll(async () => {
    const aws = await createTestAwsResources('fetch-results');
    dynamo = new DynamoDBClient(aws.clientConfig);
    results = new DynamoFetchResults(dynamo, aws.deliveryTable);
  });

  afterAll(() => dynamo?.destroy());

  it('reads back exactly the keys asked for, past one batch of a hundred', async () => {
    // Prepare
    const job = randomUUID();
    const keys = Array.from({ length: 130 }, (_, i) => `k${i}`);
    await Promise.all(keys.map((key, i) => results.report(job, key, { ok: true, size: i })));

    // Act
    const some = await results.results(job, ['k3', 'k129', 'missing'], 0);
    const all = await results.results(job, keys, 0);

    // Assess
    expect(some.map((r) => [r.key, r.result]).sort()).toEqual([
      ['k129', { ok: true, size: 129 }],
      ['k3', { ok: true, size: 3 }],
    ]);
    expect(all).toHaveLength(130);
  });

  it('keeps the latest report of a key, and leaves out what was reported before `since`', async () => {
    // Prepare
    const job = randomUUID();
    await results.report(job, 'old', { ok: true, size: 1 });
    await results.report(job, 'again', { ok: false, error: 'first delivery failed' });
    await results.report(job, 'again', { ok: true, size: 2 });

    // Act
    const latest = await results.results(job, ['again'], 0);
    const future = await results.results(job, ['old', 'again'], Date.now() + 60_000);

    // Assess
    expect(latest.map((r) => r.result)).toEqual([{ ok: true, size: 2 }]);
    expect(future).toEqual([]);
  });

  it('clears a job without touching another', async () => {
    // Prepare
    const [job, other] = [randomUUID(), randomUUID()];
    await results.report(job, 'a', { ok: true, size: 1 });
    await results.report(other, 'a', { ok: true, size: 1 });

    // Act
    await results.clear(job);

    // Assess
    expect(await results.results(job, ['a'], 0)).toEqual([]);
    expect(await results.results(other, ['a'], 0)).toHaveLength(1);
  });
});
