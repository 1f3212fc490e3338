import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRemote, createRepository, json } from '../../support/file-api';
import { waitForTask } from '../../support/tasks';
import { registerTestTasks } from '../../support/test-task-functions';
import { startTestStack, type TestStack } from '../../support/test-stack';
import { waitFor } from '../../support/wait-for';

/** Worker invocations of 12 s: a task gets about 10.8 s before its deadline. */
const WORKER_TIMEOUT_MS = 12_000;

/** An upstream that answers the headers and then never sends a byte, on every path. */
async function hangingUpstream(): Promise<{ url: string; stop(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.flushHeaders();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('remote fetches inside tasks are bounded', () => {
  let stack: TestStack;
  let upstream: { url: string; stop(): Promise<void> };

  beforeAll(async () => {
    // Two workers, as `npm start` has; a 3 s lease renewed every second notices a cancel quickly.
    stack = await startTestStack('fetch-limits', { workers: 2, workerTtlSeconds: 3, workerTimeoutMs: WORKER_TIMEOUT_MS, sweepIntervalMs: 1_000 });
    registerTestTasks(stack.app.registry);
    upstream = await hangingUpstream();
  });

  afterAll(async () => {
    await upstream?.stop();
    await stack?.stop();
  });

  async function startSync(name: string): Promise<string> {
    const remote = await createRemote(stack, { name, url: `${upstream.url}/${name}/PULP_MANIFEST` });
    const repo = await createRepository(stack, { name, remote: remote.pulp_href });
    const res = await stack.api(`${repo.pulp_href}sync/`, { method: 'POST', body: {} });
    expect(res.status).toBe(202);
    const href = (await json(res)).task as string;
    await waitFor(async () => ((await json(await stack.api(href))).state === 'running' ? true : undefined), { what: `${name} to start` });
    return href;
  }

  it('cancels a sync stuck on a hanging manifest download: canceled, not left canceling', async () => {
    // Prepare
    const href = await startSync('hang-cancel');

    // Act
    const res = await stack.api(href, { method: 'PATCH', body: { state: 'canceled' } });

    // Assess
    expect(res.status).toBe(200);
    const task = await waitForTask(stack, href, 30_000);
    expect(task.state).toBe('canceled');
  });

  it('stops hung syncs at the invocation deadline with a reason, and frees both workers for other tasks', async () => {
    // Prepare: both workers stuck on hanging downloads; another task waits for a worker.
    const hung = [await startSync('hang-deadline-1'), await startSync('hang-deadline-2')];
    const other = await stack.app.dispatcher.dispatch({ name: 'test.noop', exclusiveResources: ['prn:test.repo:unrelated'] });

    // Act
    const stopped = await Promise.all(hung.map((href) => waitForTask(stack, href, 60_000)));

    // Assess
    for (const task of stopped) {
      expect(task.state).toBe('failed');
      expect(task.error.description).toMatch(/did not finish within/);
    }
    const after = await waitForTask(stack, `/pulp/api/v3/tasks/${other.id}/`, 30_000);
    expect(after.state).toBe('completed');
  });
});
