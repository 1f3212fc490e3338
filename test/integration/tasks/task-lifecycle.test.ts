import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DOMAIN_PRN } from '../../../layers/core/tasks/dispatcher';
import { waitForTask } from '../../support/tasks';
import { startTestStack, type TestStack } from '../../support/test-stack';
import { waitFor } from '../../support/wait-for';

/** Tracks how many tasks run at once per resource, to prove reservations hold. */
class Overlap {
  private readonly running = new Map<string, number>();
  readonly max = new Map<string, number>();
  enter(key: string): void {
    const n = (this.running.get(key) ?? 0) + 1;
    this.running.set(key, n);
    this.max.set(key, Math.max(n, this.max.get(key) ?? 0));
  }
  leave(key: string): void {
    this.running.set(key, (this.running.get(key) ?? 1) - 1);
  }
}

describe('a task through the FIFO queue and the worker handler', () => {
  let stack: TestStack;
  const overlap = new Overlap();
  const started = new Set<string>();

  beforeAll(async () => {
    stack = await startTestStack('task-lifecycle', { workers: 3 });
    stack.app.registry
      .register('test.noop', async (_ctx, args) => ({ echoed: args.value ?? null }))
      .register('test.fail', async () => {
        throw new Error('the task body failed on purpose');
      })
      .register('test.hold', async (_ctx, args) => {
        const key = String(args.key);
        overlap.enter(key);
        started.add(String(args.tag));
        // Wait (bounded) for a partner to start, which only happens if the two can overlap.
        const partner = args.partner as string | undefined;
        const until = Date.now() + 2_000;
        while (partner && !started.has(partner) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
        await new Promise((r) => setTimeout(r, 30));
        overlap.leave(key);
        return { sawPartner: partner ? started.has(partner) : null };
      });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('goes waiting → running → completed and keeps its result', async () => {
    // Prepare
    const seen = new Set<string>();
    // Act
    const task = await stack.app.dispatcher.dispatch({ name: 'test.noop', args: { value: 42 }, exclusiveResources: ['prn:test.thing:1'] });
    seen.add(task.state);
    const final = await waitFor(
      async () => {
        const current = await stack.app.taskStore.get(task.id);
        if (current) seen.add(current.state);
        return current?.state === 'completed' ? current : undefined;
      },
      { intervalMs: 5, what: 'completion' },
    );
    // Assess
    expect(seen.has('waiting')).toBe(true);
    expect(final.result).toEqual({ echoed: 42 });
    expect(final.startedAt).not.toBeNull();
    expect(final.finishedAt! >= final.startedAt!).toBe(true);
    const api = await waitForTask(stack, `/pulp/api/v3/tasks/${task.id}/`);
    expect(api).toMatchObject({
      state: 'completed',
      name: 'test.noop',
      reserved_resources_record: ['prn:test.thing:1', `shared:${DEFAULT_DOMAIN_PRN}`],
      pulp_href: `/pulp/api/v3/tasks/${task.id}/`,
    });
    expect(api.started_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
  });

  it('marks a task failed with error.description when its function throws', async () => {
    // Act
    const task = await stack.app.dispatcher.dispatch({ name: 'test.fail' });
    const final = await waitForTask(stack, `/pulp/api/v3/tasks/${task.id}/`);
    // Assess
    expect(final.state).toBe('failed');
    expect(final.error.description).toBe('the task body failed on purpose');
  });

  it('fails a task whose name has no function', async () => {
    const task = await stack.app.dispatcher.dispatch({ name: 'test.unknown' });
    const final = await waitForTask(stack, `/pulp/api/v3/tasks/${task.id}/`);
    expect(final.state).toBe('failed');
    expect(final.error.description).toContain('test.unknown');
  });

  it.each([
    { case: 'same exclusive resource', a: { exclusiveResources: ['prn:test.repo:a'] }, b: { exclusiveResources: ['prn:test.repo:a'] }, overlaps: false },
    { case: 'exclusive vs shared', a: { exclusiveResources: ['prn:test.repo:b'] }, b: { sharedResources: ['prn:test.repo:b'] }, overlaps: false },
    { case: 'shared vs shared', a: { sharedResources: ['prn:test.repo:c'] }, b: { sharedResources: ['prn:test.repo:c'] }, overlaps: true },
    { case: 'different resources', a: { exclusiveResources: ['prn:test.repo:d'] }, b: { exclusiveResources: ['prn:test.repo:e'] }, overlaps: true },
  ])('runs two tasks on $case concurrently: $overlaps', async ({ case: name, a, b, overlaps }) => {
    // Prepare
    const key = `pair-${name}`;
    // Act
    const first = await stack.app.dispatcher.dispatch({ name: 'test.hold', args: { key, tag: `${key}-a`, partner: `${key}-b` }, ...a });
    const second = await stack.app.dispatcher.dispatch({ name: 'test.hold', args: { key, tag: `${key}-b`, partner: `${key}-a` }, ...b });
    const results = await Promise.all([first, second].map((t) => waitForTask(stack, `/pulp/api/v3/tasks/${t.id}/`)));
    // Assess
    expect(results.map((r) => r.state)).toEqual(['completed', 'completed']);
    expect(overlap.max.get(key)).toBe(overlaps ? 2 : 1);
    // Creation order decides who goes first on a contended resource.
    if (!overlaps) expect(results[0]!.finished_at <= results[1]!.started_at).toBe(true);
  });

  it('never runs two tasks of one resource at once, across many dispatches', async () => {
    // Prepare
    const key = 'many';
    // Act
    const tasks = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        stack.app.dispatcher.dispatch({ name: 'test.hold', args: { key, tag: `${key}-${i}` }, exclusiveResources: ['prn:test.repo:many'] }),
      ),
    );
    const results = await Promise.all(tasks.map((t) => waitForTask(stack, `/pulp/api/v3/tasks/${t.id}/`)));
    // Assess
    expect(results.every((r) => r.state === 'completed')).toBe(true);
    expect(overlap.max.get(key)).toBe(1);
  });
});
