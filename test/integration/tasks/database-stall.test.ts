import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PausableProxy } from '../../support/pausable-proxy';
import { waitForTask } from '../../support/tasks';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { registerTestTasks } from '../../support/test-task-functions';
import { startTestStack, type TestStack } from '../../support/test-stack';
import { waitFor } from '../../support/wait-for';

// Longer than an API request's 15 s budget, so requests made during it must give up with 503.
const STALL_MS = 20_000;
/** A client's patience: no request may take this long, stall or not. */
const CLIENT_TIMEOUT_MS = 25_000;

describe('a database stall', () => {
  let db: TestDatabase;
  let proxy: PausableProxy;
  let stack: TestStack;

  beforeAll(async () => {
    db = await createTestDatabase('db-stall');
    const target = new URL(db.url);
    proxy = await new PausableProxy(target.hostname, Number(target.port)).start();
    // A short lease (3 s, renewed every second) and a busy sweeper: a stall outlasts the lease
    // several times over, which is what once made the sweeper fail live tasks.
    stack = await startTestStack('db-stall', { databaseUrl: proxy.via(db.url), workers: 2, workerTtlSeconds: 3, sweepIntervalMs: 500 });
    registerTestTasks(stack.app.registry);
  });

  afterAll(async () => {
    proxy?.resume();
    await stack?.stop();
    await proxy?.stop();
    await db?.drop();
  });

  it('answers 503 with Retry-After within a bound, never 500, keeps the running task alive, and recovers by itself', async () => {
    // Prepare: a task running across the whole stall.
    const sleeper = await stack.app.dispatcher.dispatch({ name: 'test.sleep', args: { ms: STALL_MS + 4_000 }, exclusiveResources: ['prn:test.repo:stall'] });
    await waitFor(async () => ((await stack.app.taskStore.get(sleeper.id))?.state === 'running' ? true : undefined), { what: 'the task to start' });

    // Act: freeze the database while clients keep calling.
    proxy.pause();
    const requests = [
      () => stack.api('/pulp/api/v3/tasks/'),
      () => stack.api('/pulp/api/v3/repositories/file/file/'),
      () => stack.api('/pulp/api/v3/repositories/file/file/', { method: 'POST', body: { name: 'during-the-stall' } }),
      () => stack.api('/pulp/api/v3/status/'),
    ];
    const answers = Promise.all(
      requests.map(async (send) => {
        const res = await Promise.race([
          send(),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error('client timeout')), CLIENT_TIMEOUT_MS)),
        ]);
        return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.text() };
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, STALL_MS));
    proxy.resume();

    // Assess
    for (const answer of await answers) {
      expect([200, 201, 503], answer.body).toContain(answer.status);
      if (answer.status === 503) expect(Number(answer.retryAfter)).toBeGreaterThan(0);
    }
    expect((await answers).some((a) => a.status === 503)).toBe(true);
    const final = await waitForTask(stack, `/pulp/api/v3/tasks/${sleeper.id}/`);
    expect(final.state, JSON.stringify(final.error)).toBe('completed');
    const after = await stack.api('/pulp/api/v3/tasks/?limit=1');
    expect(after.status).toBe(200);
    // The create made during the stall happened only if the client was told so.
    const created = (await answers)[2]!;
    const found = await (await stack.api('/pulp/api/v3/repositories/file/file/?name=during-the-stall')).json() as { count: number };
    expect(found.count).toBe(created.status === 201 ? 1 : 0);
  });
});
