import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchGroup } from '../../../layers/core/tasks/task-group-dispatch';
import { registerTestTasks } from '../../support/test-task-functions';
import { waitForTask } from '../../support/tasks';
import { startTestStack, type TestStack } from '../../support/test-stack';

const href = (id: string): string => `/pulp/api/v3/tasks/${id}/`;

async function list(stack: TestStack, query: string): Promise<{ count: number; names: string[]; ids: string[] }> {
  const res = await stack.api(`/pulp/api/v3/tasks/?${query}`);
  expect(res.status, query).toBe(200);
  const body = (await res.json()) as { count: number; results: Array<{ name: string; pulp_href: string }> };
  return { count: body.count, names: body.results.map((t) => t.name), ids: body.results.map((t) => t.pulp_href.split('/').at(-2)!) };
}

describe('task filters, groups and children', () => {
  let stack: TestStack;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startTestStack('task-filters', { workers: 2 });
    registerTestTasks(stack.app.registry);
    stack.app.registry.register('test.parent', async (ctx) => {
      const child = await ctx.dispatchChild({ name: 'test.noop', exclusiveResources: ['prn:test.repo:child'] });
      await ctx.created(href(child.id));
      return { child: child.id };
    });
    const dispatch = async (key: string, name: string, exclusive: string[], shared: string[] = []) => {
      const task = await stack.app.dispatcher.dispatch({ name, exclusiveResources: exclusive, sharedResources: shared });
      ids[key] = task.id;
      await waitForTask(stack, href(task.id));
    };
    await dispatch('a', 'test.noop', ['prn:file.filerepository:00000000-0000-0000-0000-00000000000a'], ['prn:file.fileremote:00000000-0000-0000-0000-0000000000ff']);
    await dispatch('b', 'test.noop', ['prn:file.filerepository:00000000-0000-0000-0000-00000000000b'], ['prn:file.fileremote:00000000-0000-0000-0000-0000000000ff']);
    await dispatch('c', 'test.sleep', ['prn:file.filerepository:00000000-0000-0000-0000-00000000000a']);
    await dispatch('parent', 'test.parent', []);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const repoA = '/pulp/api/v3/repositories/file/file/00000000-0000-0000-0000-00000000000a/';
  const remote = '/pulp/api/v3/remotes/file/file/00000000-0000-0000-0000-0000000000ff/';

  it.each([
    { query: `reserved_resources=${repoA}`, expected: ['c', 'a'] },
    { query: `exclusive_resources=${repoA}`, expected: ['c', 'a'] },
    { query: `shared_resources=${remote}`, expected: ['b', 'a'] },
    { query: `reserved_resources__in=${repoA},${remote}`, expected: ['a'] },
    { query: `reserved_resources=prn:file.fileremote:00000000-0000-0000-0000-0000000000ff`, expected: ['b', 'a'] },
    { query: 'name=test.sleep', expected: ['c'] },
    { query: 'name__contains=sle', expected: ['c'] },
    // `_` is literal, not LIKE's any-character: test_sleep does not match test.sleep.
    { query: 'name__contains=test_sleep', expected: [] },
  ])('filters $query', async ({ query, expected }) => {
    // Act
    const { count, ids: found } = await list(stack, query);
    // Assess: newest first, count exact.
    expect(found).toEqual(expected.map((k) => ids[k]));
    expect(count).toBe(expected.length);
  });

  it.each([
    { query: 'state=completed', includes: true },
    { query: 'state__in=failed,canceled', includes: false },
    { query: `started_at__gte=${encodeURIComponent('2000-01-01T00:00:00.000000Z')}`, includes: true },
    { query: `finished_at__lte=${encodeURIComponent('2000-01-01T00:00:00.000000Z')}`, includes: false },
  ])('filters by state and time: $query', async ({ query, includes }) => {
    const { ids: found } = await list(stack, `${query}&limit=100`);
    expect(found.includes(ids.a!)).toBe(includes);
  });

  it('links a child task to its parent both ways and filters by parent_task', async () => {
    // Prepare
    const parent = await waitForTask(stack, href(ids.parent!));
    const childId = parent.result.child as string;
    // Act
    const children = await list(stack, `parent_task=${href(ids.parent!)}`);
    const child = await waitForTask(stack, href(childId));
    // Assess
    expect(parent.child_tasks).toEqual([href(childId)]);
    expect(child.parent_task).toBe(href(ids.parent!));
    expect(children.ids).toEqual([childId]);
    expect((await list(stack, `created_resources=${href(childId)}`)).ids).toEqual([ids.parent]);
  });

  it('counts a task group by state and lists its tasks', async () => {
    // Prepare
    const { groupId, tasks } = await dispatchGroup(stack.app.dispatcher, stack.app.taskGroups, 'three no-ops', [
      { name: 'test.noop' },
      { name: 'test.noop' },
      { name: 'test.fail' },
    ]);
    await Promise.all(tasks.map((t) => waitForTask(stack, href(t.id))));
    // Act
    const res = await stack.api(`/pulp/api/v3/task-groups/${groupId}/`);
    const group = (await res.json()) as Record<string, any>;
    const members = await list(stack, `task_group=/pulp/api/v3/task-groups/${groupId}/`);
    // Assess
    expect(res.status).toBe(200);
    expect(group).toMatchObject({ description: 'three no-ops', all_tasks_dispatched: true, completed: 2, failed: 1, waiting: 0, running: 0 });
    expect(group.tasks).toHaveLength(3);
    expect(members.count).toBe(3);
  });

  it('rejects a malformed filter value with 400 in Pulp shape', async () => {
    const res = await stack.api('/pulp/api/v3/tasks/?started_at__gte=yesterday');
    expect(res.status).toBe(400);
    expect(await res.json()).toHaveProperty('started_at__gte');
  });
});
