import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerTestTasks } from '../../support/test-task-functions';
import { waitForTask } from '../../support/tasks';
import { startTestStack, type TestStack } from '../../support/test-stack';
import { waitFor } from '../../support/wait-for';

const href = (id: string): string => `/pulp/api/v3/tasks/${id}/`;
const cancel = (stack: TestStack, id: string) => stack.api(href(id), { method: 'PATCH', body: { state: 'canceled' } });

describe('task cancel, delete and purge', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack('task-cancel', { workers: 2 });
    registerTestTasks(stack.app.registry);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('cancels a waiting task at once and lets the next one run', async () => {
    // Prepare: a running task holds the resource; two more wait behind it.
    const holder = await stack.app.dispatcher.dispatch({ name: 'test.until-canceled', exclusiveResources: ['prn:test.repo:c1'] });
    await waitFor(async () => ((await stack.app.taskStore.get(holder.id))?.state === 'running' ? true : undefined));
    const waiting = await stack.app.dispatcher.dispatch({ name: 'test.noop', exclusiveResources: ['prn:test.repo:c1'] });
    const next = await stack.app.dispatcher.dispatch({ name: 'test.noop', exclusiveResources: ['prn:test.repo:c1'] });
    // Act
    const res = await cancel(stack, waiting.id);
    // Assess
    expect(res.status).toBe(200);
    expect(((await res.json()) as { state: string }).state).toBe('canceled');
    const holderCancel = await cancel(stack, holder.id);
    expect(((await holderCancel.json()) as { state: string }).state).toMatch(/^cancel(ing|ed)$/);
    expect((await waitForTask(stack, href(holder.id))).state).toBe('canceled');
    expect((await waitForTask(stack, href(next.id))).state).toBe('completed');
    expect((await stack.app.taskStore.get(waiting.id))?.startedAt).toBeNull();
  });

  it('moves a running task through canceling to canceled, with a reason', async () => {
    // Prepare
    const task = await stack.app.dispatcher.dispatch({ name: 'test.until-canceled', exclusiveResources: ['prn:test.repo:c2'] });
    await waitFor(async () => ((await stack.app.taskStore.get(task.id))?.state === 'running' ? true : undefined));
    // Act
    const res = await cancel(stack, task.id);
    // Assess
    expect(res.status).toBe(200);
    const final = await waitForTask(stack, href(task.id));
    expect(final.state).toBe('canceled');
    expect(final.error.reason).toMatch(/canceled/);
  });

  it.each([
    { verb: 'cancels', call: (s: TestStack, id: string) => cancel(s, id), status: 409 },
    { verb: 'deletes', call: (s: TestStack, id: string) => s.api(href(id), { method: 'DELETE' }), status: 204 },
  ])('$verb a finished task with $status', async ({ call, status }) => {
    // Prepare
    const task = await stack.app.dispatcher.dispatch({ name: 'test.noop' });
    await waitForTask(stack, href(task.id));
    // Act
    const res = await call(stack, task.id);
    // Assess
    expect(res.status).toBe(status);
    if (status === 409) expect(await res.json()).toEqual({ detail: expect.stringContaining('completed') });
    if (status === 204) expect((await stack.api(href(task.id))).status).toBe(404);
  });

  it('refuses to delete an unfinished task, and to cancel with another state', async () => {
    // Prepare
    const task = await stack.app.dispatcher.dispatch({ name: 'test.until-canceled', exclusiveResources: ['prn:test.repo:c3'] });
    // Act
    const del = await stack.api(href(task.id), { method: 'DELETE' });
    const bad = await stack.api(href(task.id), { method: 'PATCH', body: { state: 'completed' } });
    // Assess
    expect(del.status).toBe(409);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toHaveProperty('state');
    await cancel(stack, task.id);
    expect((await waitForTask(stack, href(task.id))).state).toBe('canceled');
  });

  it('purges finished tasks older than a date, keeping the rest', async () => {
    // Prepare
    const old = await stack.app.dispatcher.dispatch({ name: 'test.noop' });
    await waitForTask(stack, href(old.id));
    const cutoff = new Date(Date.now() + 1000).toISOString();
    // Act
    const res = await stack.api('/pulp/api/v3/tasks/purge/', { method: 'POST', body: { finished_before: cutoff, states: ['completed'] } });
    const { task } = (await res.json()) as { task: string };
    const purge = await waitForTask(stack, task);
    // Assess
    expect(res.status).toBe(202);
    expect(purge.state).toBe('completed');
    expect(purge.result.deleted).toBeGreaterThan(0);
    expect((await stack.api(href(old.id))).status).toBe(404);
  });
});
