import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../../support/test-stack';
import { createRemote, createRepository, get, sync, versionNumbers } from '../../support/file-api';
import { generateTree, Upstream } from './support/upstream';

describe('a sync longer than one worker invocation', () => {
  let stack: TestStack;
  const upstream = new Upstream();

  beforeAll(async () => {
    // A 4-second "Lambda" and an upstream that needs about 5 s to serve everything one by one.
    stack = await startTestStack('sync-continuation', { workers: 2, workerTimeoutMs: 4_000 });
    generateTree(upstream, 30);
    upstream.delayMs = 150;
    await upstream.start();
  });

  afterAll(async () => {
    await upstream.stop();
    await stack?.stop();
  });

  it('continues in new invocations and ends with one complete version', async () => {
    // Prepare
    const remote = await createRemote(stack, { name: 'slow', url: upstream.manifestUrl, download_concurrency: 1 });
    const repo = await createRepository(stack, { name: 'slow-repo', remote: remote.pulp_href });
    // Act
    const task = await sync(stack, repo.pulp_href);
    // Assess
    const record = await stack.app.taskStore.get(String(task.pulp_href).split('/').at(-2)!);
    expect(record?.attempts).toBeGreaterThan(1);
    expect(await versionNumbers(stack, repo.pulp_href)).toEqual([1, 0]);
    const version = await get(stack, `${repo.pulp_href}versions/1/`);
    expect(version.content_summary.present['file.file'].count).toBe(30);
    expect(upstream.filesHit()).toBe(30);
  });
});
