import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DOMAIN_PRN, TaskCreator } from '../../../layers/core/tasks/task-creator';
import type { Task } from '../../../layers/core/tasks/task';
import type { SweepOptions } from '../../../layers/core/tasks/task-sweeper';
import { TaskHarness } from '../../support/task-harness';
import { waitFor } from '../../support/wait-for';

const FAR = () => new Date(Date.now() + 600_000);

describe('who a finished task wakes', () => {
  let harness: TaskHarness;
  let creator: TaskCreator;

  beforeAll(async () => {
    // No workers: the test starts and finishes tasks itself.
    harness = await TaskHarness.start('wake-next');
    creator = new TaskCreator(harness.main.taskStore, harness.main.taskQueue);
  });

  afterAll(async () => {
    await harness?.stop();
  });

  /** Creates tasks in order and lets each find the holder: all end up deferred. */
  async function deferred(specs: Array<{ exclusive?: string[]; shared?: string[] }>): Promise<Task[]> {
    const tasks: Task[] = [];
    for (const spec of specs) {
      const task = await creator.insert({ name: 'test.noop', exclusiveResources: spec.exclusive, sharedResources: spec.shared });
      expect((await harness.main.taskStore.tryStart(task.id, 'w', FAR())).kind).toBe('blocked');
      tasks.push(task);
    }
    return tasks;
  }

  async function holder(spec: { exclusive?: string[]; shared?: string[] }): Promise<Task> {
    const task = await creator.insert({ name: 'test.noop', exclusiveResources: spec.exclusive, sharedResources: spec.shared });
    expect((await harness.main.taskStore.tryStart(task.id, 'w', FAR())).kind).toBe('started');
    return task;
  }

  it('wakes only the oldest of many tasks queued on the resource it held, not all of them', async () => {
    // Prepare
    const held = await holder({ exclusive: ['r:many'] });
    const queue = await deferred(Array.from({ length: 30 }, () => ({ exclusive: ['r:many'] })));

    // Act
    const { toWake } = await harness.main.taskStore.finish(held.id, { state: 'completed', result: null });

    // Assess
    expect(toWake.map((t) => t.id)).toEqual([queue[0]!.id]);
  });

  it('wakes the sharers right behind a sharer, up to the first exclusive user', async () => {
    // Prepare
    const held = await holder({ exclusive: ['r:readers'] });
    const [s1, s2, x, s3] = await deferred([{ shared: ['r:readers'] }, { shared: ['r:readers'] }, { exclusive: ['r:readers'] }, { shared: ['r:readers'] }]);

    // Act
    const { toWake } = await harness.main.taskStore.finish(held.id, { state: 'completed', result: null });

    // Assess
    expect(toWake.map((t) => t.id)).toEqual([s1!.id, s2!.id]);
    expect(toWake.map((t) => t.id)).not.toContain(x!.id);
    expect(toWake.map((t) => t.id)).not.toContain(s3!.id);
  });

  it('wakes the next task of each resource it held, and none of the tasks that merely share the domain', async () => {
    // Prepare
    const held = await holder({ exclusive: ['r:a', 'r:b'] });
    const [a1, b1] = await deferred([{ exclusive: ['r:a'] }, { exclusive: ['r:b'] }, { exclusive: ['r:a'] }, { exclusive: ['r:b'] }]);
    // Another resource's queue: its tasks share the domain with the finished one, nothing else.
    await holder({ exclusive: ['r:other'] });
    await deferred([{ exclusive: ['r:other'] }]);

    // Act
    const { toWake } = await harness.main.taskStore.finish(held.id, { state: 'completed', result: null });

    // Assess
    expect(toWake.map((t) => t.id)).toEqual([a1!.id, b1!.id]);
    expect(held.sharedResources).toContain(DEFAULT_DOMAIN_PRN);
  });
});

describe('a slow queue', () => {
  let harness: TaskHarness;
  let blackHole: net.Server;

  beforeAll(async () => {
    harness = await TaskHarness.start('slow-queue');
    harness.startWorkers(1);
    // Accepts connections and never answers: SendMessage hangs.
    blackHole = net.createServer((socket) => void socket.on('error', () => undefined));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await harness?.stop();
    blackHole?.close();
  });

  it('does not hold a dispatch, and the sweeper wakes the task whose wake-up was lost', async () => {
    // Prepare: an API app whose queue never answers, beside the working workers.
    const port = (blackHole.address() as AddressInfo).port;
    const endpoint = `http://127.0.0.1:${port}`;
    const api = harness.app({ awsEndpoint: endpoint, taskQueueUrl: `${endpoint}/000000000000/unreachable.fifo` });
    const bound = new Promise<'held'>((resolve) => setTimeout(() => resolve('held'), 15_000).unref());

    // Act
    const task = await Promise.race([api.dispatcher.dispatch({ name: 'test.noop', exclusiveResources: ['prn:test.repo:slow'] }), bound]);

    // Assess
    expect(task).not.toBe('held');
    const dispatched = task as Task;
    expect((await harness.main.taskStore.get(dispatched.id))?.state).toBe('waiting');
    const sweep: SweepOptions = { deadlineGraceSeconds: 60, leaseSeconds: 30, leaseConfirmSeconds: 1, staleSeconds: 1, forgetWorkersAfterSeconds: 600 };
    await waitFor(async () => ((await harness.main.sweeper.sweep(sweep)).rewoken.includes(dispatched.id) ? true : undefined), {
      timeoutMs: 30_000,
      intervalMs: 500,
      what: 'the sweeper to find the stuck task',
    });
    await waitFor(async () => ((await harness.main.taskStore.get(dispatched.id))?.state === 'completed' ? true : undefined), {
      what: 'the re-woken task to run',
    });
  });
});
