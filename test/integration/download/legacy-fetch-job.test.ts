import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsClientConfig } from '../../../local/aws-resources';
import { DynamoFetchResults } from '../../../layers/adapters/dynamodb/dynamodb-fetch-results';
import type { ReportedResult } from '../../../layers/core/ports/fetch-queue';
import { artifactKey } from '../../../layers/core/storage/blob-store';
import { createRemote, createRepository, json } from '../../support/file-api';
import { waitForTask } from '../../support/tasks';
import { startTestStack, type TestStack } from '../../support/test-stack';
import { waitFor } from '../../support/wait-for';
import { Upstream } from '../file/support/upstream';

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

describe('a one-file download message of the release before fetch jobs (a deploy while a sync runs)', () => {
  let stack: TestStack;
  let dynamo: DynamoDBClient;
  const upstream = new Upstream();

  beforeAll(async () => {
    stack = await startTestStack('legacy-fetch-job', { fetchers: 1, fanOut: true });
    dynamo = new DynamoDBClient(awsClientConfig(stack.config.awsEndpoint!, stack.config.region));
    upstream.add('synced.bin');
    await upstream.start();
  });

  afterAll(async () => {
    dynamo?.destroy();
    await upstream.stop();
    await stack?.stop();
  });

  it.each([
    { case: 'is fetched and its outcome filed as that release read it', corrupt: false },
    { case: 'files the upstream’s failure as its result', corrupt: true },
  ])('$case', { timeout: 120_000 }, async ({ corrupt }) => {
    // Prepare: a sync shares the remote with the fetchers, as the old task did before sending
    const name = `legacy-${corrupt}`;
    const remote = await createRemote(stack, { name, url: upstream.manifestUrl });
    const repo = await createRepository(stack, { name, remote: remote.pulp_href });
    const { task } = await json(await stack.api(`${repo.pulp_href}sync/`, { method: 'POST', body: {} }));
    expect((await waitForTask(stack, task, 60_000, 250)).state).toBe('completed');
    const shared = (await stack.app.data.remotes.get(remote.pulp_href.split('/').at(-2)!))!;
    const { path, data } = upstream.add(`${name}.bin`);
    if (corrupt) upstream.corrupt.add(path);
    const digest = sha256(data);
    const jobId = randomUUID();

    // Act: the message as the old task sent it
    const legacy = { kind: 'artifact', jobId, key: digest, url: `${upstream.url}/repo/${path}`, remoteId: shared.id, remoteVersion: shared.pulpLastUpdated, sha256: digest, size: data.length, name: path };
    await stack.app.sqs.send(new SendMessageCommand({ QueueUrl: stack.config.downloadQueueUrl!, MessageBody: JSON.stringify(legacy) }));
    const results = new DynamoFetchResults(dynamo, stack.config.deliveryTable);
    const [reported] = await waitFor<ReportedResult[]>(async () => {
      const found = await results.results(jobId, [digest], 0);
      return found.length ? found : undefined;
    }, { timeoutMs: 60_000, what: 'the legacy job’s result' });

    // Assess
    if (corrupt) {
      expect(reported!.result).toMatchObject({ ok: false });
      expect(await stack.app.blobs.exists(artifactKey(digest))).toBe(false);
    } else {
      expect(reported!.result).toEqual({ ok: true, size: data.length });
      expect(await stack.app.blobs.exists(artifactKey(digest))).toBe(true);
    }
  });
});
