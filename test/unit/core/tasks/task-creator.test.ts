import { describe, expect, it } from 'vitest';
import { withCorrelationId } from '../../../../layers/core/tasks/correlation-scope';
import { TaskCreator } from '../../../../layers/core/tasks/task-creator';
import type { Task } from '../../../../layers/core/tasks/task';
import type { TaskQueue } from '../../../../layers/core/tasks/task-queue';
import type { NewTask, TaskStore } from '../../../../layers/core/tasks/task-store';

// Pure ports: the store keeps what it was given, the queue records wake-ups.
function fakes() {
  const inserted: NewTask[] = [];
  const store = {
    insert: async (t: NewTask) => {
      inserted.push(t);
      return t as unknown as Task;
    },
  } as unknown as TaskStore;
  const queue: TaskQueue = { wake: async () => undefined, resume: async () => undefined };
  return { creator: new TaskCreator(store, queue), inserted };
}

const CID = '0b4fb1b8-6b64-4d5a-a3b6-8b8f0f7c3f6e';

describe('TaskCreator logging_cid', () => {
  const cases: Array<[string, string | undefined, string | undefined, string]> = [
    ['takes the request scope when none is given', CID, undefined, CID],
    ['keeps an explicit id over the scope', CID, 'explicit', 'explicit'],
    ['is empty outside any request', undefined, undefined, ''],
  ];
  it.each(cases)('%s', async (_label, scoped, explicit, expected) => {
    // Prepare
    const { creator, inserted } = fakes();
    const request = { name: 'x', ...(explicit !== undefined ? { loggingCid: explicit } : {}) };

    // Act
    if (scoped === undefined) await creator.create(request);
    else await withCorrelationId(scoped, () => creator.create(request));

    // Assess
    expect(inserted[0]?.loggingCid).toBe(expected);
  });
});
