import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PythonIndexServer } from '../../support/python-index-server';
import { startTestStack, type TestStack } from '../../support/test-stack';
import { createRemote, createRepository, filenames, sync } from './support/python-api';

const PROJECTS = 6;

describe('a python sync whose downloads take more than one worker invocation', () => {
  let stack: TestStack;
  let upstream: PythonIndexServer;

  beforeAll(async () => {
    // A 4-second "Lambda" and files that take 300 ms each, one at a time: 12 files and 6
    // .metadata cannot be had in one invocation.
    stack = await startTestStack('python-continuation', { workers: 2, workerTimeoutMs: 4_000 });
    upstream = await new PythonIndexServer({ metadata: true, fileDelayMs: 300 }).start();
    for (let i = 0; i < PROJECTS; i++) upstream.addSpec({ name: `long-${i}`, version: '1.0' });
  });

  afterAll(async () => {
    await upstream?.stop();
    await stack?.stop();
  });

  it('continues from the plan its first invocation made, reading each project page once', { timeout: 120_000 }, async () => {
    // Prepare
    const repo = await createRepository(stack, 'long');
    const remote = await createRemote(stack, { name: 'long', url: upstream.url, policy: 'immediate', download_concurrency: 1 });

    // Act
    const task = await sync(stack, repo.pulp_href, { remote: remote.pulp_href });

    // Assess
    const taskId = String(task.pulp_href).split('/').at(-2)!;
    expect((await stack.app.taskStore.get(taskId))?.attempts).toBeGreaterThan(1);
    expect(await filenames(stack, repo.pulp_href)).toEqual(Array.from({ length: PROJECTS }, (_, i) => [`long_${i}-1.0-py3-none-any.whl`, `long_${i}-1.0.tar.gz`]).flat().sort());
    for (let i = 0; i < PROJECTS; i++) expect(upstream.hitsOf(`/simple/long-${i}/`), `long-${i}`).toBe(1);
    expect(upstream.fileHits()).toBe(PROJECTS * 2);
    // The plan is gone with the sync.
    expect(await stack.app.services.scratch.load({ taskId }, 'python-sync-plan')).toBeUndefined();
  });
});

describe('a python sync whose project pages take more than one worker invocation', () => {
  let stack: TestStack;
  let upstream: PythonIndexServer;
  const projects = 24;

  beforeAll(async () => {
    // Pages read in the task, two at a time at 400 ms each: about 5 s of pages for a 4-second "Lambda".
    stack = await startTestStack('python-page-continuation', { workers: 2, fetchers: 0, fanOut: false, workerTimeoutMs: 4_000 });
    upstream = await new PythonIndexServer({ pageDelayMs: 400 }).start();
    for (let i = 0; i < projects; i++) upstream.addSpec({ name: `many-${i}`, version: '1.0' });
  });

  afterAll(async () => {
    await upstream?.stop();
    await stack?.stop();
  });

  it('goes on in the next invocation from the projects not read yet', { timeout: 120_000 }, async () => {
    // Prepare
    const repo = await createRepository(stack, 'many');
    const remote = await createRemote(stack, { name: 'many', url: upstream.url, download_concurrency: 2 });

    // Act
    const task = await sync(stack, repo.pulp_href, { remote: remote.pulp_href });

    // Assess: every project, in more than one invocation; a page is read again only if it was
    // being read when its invocation stopped (one per slot at most)
    const taskId = String(task.pulp_href).split('/').at(-2)!;
    expect((await stack.app.taskStore.get(taskId))?.attempts).toBeGreaterThan(1);
    expect(await filenames(stack, repo.pulp_href)).toHaveLength(projects * 2);
    const reads = Array.from({ length: projects }, (_, i) => upstream.hitsOf(`/simple/many-${i}/`));
    expect(reads.every((n) => n >= 1)).toBe(true);
    expect(reads.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(projects + 2 * ((await stack.app.taskStore.get(taskId))!.attempts - 1));
    expect(await stack.app.services.scratch.load({ taskId }, 'python-sync-plan')).toBeUndefined();
  });
});
