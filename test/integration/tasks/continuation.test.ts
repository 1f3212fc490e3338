import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerTestTasks } from '../../support/test-task-functions';
import { waitForTask } from '../../support/tasks';
import { startTestStack, type TestStack } from '../../support/test-stack';
import { waitFor } from '../../support/wait-for';

const href = (id: string): string => `/pulp/api/v3/tasks/${id}/`;

describe('a task longer than one invocation', () => {
  let stack: TestStack;

  beforeAll(async () => {
    // A 3-second "Lambda": the task below needs about 4 seconds of work.
    stack = await startTestStack('task-continuation', { workers: 2, workerTimeoutMs: 3_000 });
    registerTestTasks(stack.app.registry);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('checkpoints, continues in a new invocation, and holds its resource throughout', async () => {
    // Prepare
    const long = await stack.app.dispatcher.dispatch({
      name: 'test.steps',
      // A second of slack: on a loaded machine a step and the bookkeeping after it take longer.
      args: { steps: 40, stepMs: 100, reserveMs: 1_000 },
      exclusiveResources: ['prn:test.repo:long'],
    });
    await waitFor(async () => ((await stack.app.taskStore.get(long.id))?.state === 'running' ? true : undefined));
    // Act
    const behind = await stack.app.dispatcher.dispatch({ name: 'test.noop', exclusiveResources: ['prn:test.repo:long'] });
    const done = await waitForTask(stack, href(long.id));
    const after = await waitForTask(stack, href(behind.id));
    // Assess
    expect(done.state).toBe('completed');
    expect(done.result.step).toBe(40);
    expect(done.result.invocations).toBeGreaterThan(1);
    expect(after.state).toBe('completed');
    expect(after.started_at >= done.finished_at).toBe(true);
  });
});
