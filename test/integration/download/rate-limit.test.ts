import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRemote, createRepository, get, json } from '../../support/file-api';
import { waitForTask } from '../../support/tasks';
import { startTestStack, type TestStack } from '../../support/test-stack';
import { busiestWindow, Upstream } from '../file/support/upstream';

const FILES = 24;
const RATE = 4;
const CONCURRENCY = 4;

describe.each([
  { path: 'through fetchers', options: { fetchers: 2, fanOut: true } },
  { path: 'in the task', options: { fetchers: 0, fanOut: false } },
])('a sync with a rate_limit ($path)', ({ path, options }) => {
  let stack: TestStack;
  const upstream = new Upstream();

  beforeAll(async () => {
    stack = await startTestStack(`rate-limit-${options.fetchers}`, options);
    for (let i = 0; i < FILES; i++) upstream.add(`paced/${i}.bin`);
    await upstream.start();
  });

  afterAll(async () => {
    await upstream.stop();
    await stack?.stop();
  });

  it('starts no more requests in any second than the rate_limit allows the whole sync, whatever the download_concurrency', { timeout: 120_000 }, async () => {
    // Prepare
    const remote = await createRemote(stack, { name: 'paced', url: upstream.manifestUrl, download_concurrency: CONCURRENCY, rate_limit: RATE });
    const repo = await createRepository(stack, { name: 'paced', remote: remote.pulp_href });

    // Act
    const { task } = await json(await stack.api(`${repo.pulp_href}sync/`, { method: 'POST', body: {} }));
    const done = await waitForTask(stack, task, 110_000, 250);

    // Assess: each downloader's first request is not held back, so a window may hold one per slot more.
    expect(done.state, JSON.stringify(done.error)).toBe('completed');
    expect((await get(stack, `${repo.pulp_href}versions/1/`)).content_summary.present['file.file'].count).toBe(FILES);
    expect(upstream.fileRequestTimes).toHaveLength(FILES);
    expect(busiestWindow(upstream.fileRequestTimes), `${path}: ${upstream.fileRequestTimes.join(',')}`).toBeLessThanOrEqual(RATE + CONCURRENCY);
  });
});
