import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEADLINE_RESERVE_MS } from '../../../layers/core/download/fetcher';
import { createRemote, createRepository, get, json } from '../../support/file-api';
import { waitForTask } from '../../support/tasks';
import { startTestStack, type TestStack } from '../../support/test-stack';
import { Upstream } from '../file/support/upstream';

const FILES = 12;

describe('a sync whose fetchers run short of time', () => {
  let stack: TestStack;
  const upstream = new Upstream();

  beforeAll(async () => {
    // Each fetcher invocation may work about a second before its reserve: a job of all 12
    // files (one slot) at 300 ms a file cannot be done in one.
    stack = await startTestStack('fetcher-deadline', { fetchers: 2, fanOut: true, fetcherTimeoutMs: DEADLINE_RESERVE_MS + 1000 });
    for (let i = 0; i < FILES; i++) upstream.add(`slow/${i}.bin`);
    upstream.delayMs = 300;
    await upstream.start();
  });

  afterAll(async () => {
    await upstream.stop();
    await stack?.stop();
  });

  it('hands the untried files of a job back and completes with each file fetched once', { timeout: 120_000 }, async () => {
    // Prepare
    const remote = await createRemote(stack, { name: 'slow', url: upstream.manifestUrl, download_concurrency: 1 });
    const repo = await createRepository(stack, { name: 'slow', remote: remote.pulp_href });
    const connectionsBefore = upstream.connections;

    // Act
    const { task } = await json(await stack.api(`${repo.pulp_href}sync/`, { method: 'POST', body: {} }));
    const done = await waitForTask(stack, task, 110_000, 250);

    // Assess: every file once, over several deliveries (one connection each), one at a time
    expect(done.state, JSON.stringify(done.error)).toBe('completed');
    const version = await get(stack, `${repo.pulp_href}versions/1/`);
    expect(version.content_summary.present['file.file'].count).toBe(FILES);
    expect(upstream.filesHit()).toBe(FILES);
    expect(upstream.maxInFlight).toBe(1);
    // The manifest's connection, and more than one job's.
    expect(upstream.connections - connectionsBefore).toBeGreaterThan(2);
  });
});
