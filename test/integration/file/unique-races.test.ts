import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../support/file-api';
import { waitForTask } from '../../support/tasks';
import { startTestStack, type TestStack } from '../../support/test-stack';

describe('concurrent writes of one unique value', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack('unique-races', { workers: 3 });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('creates one repository and answers the rest 400 "must be unique", never 500', async () => {
    // Act
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => stack.api('/pulp/api/v3/repositories/file/file/', { method: 'POST', body: { name: 'contested' } })),
    );
    const statuses = responses.map((r) => r.status).sort();
    const bodies = await Promise.all(responses.filter((r) => r.status === 400).map(json));
    // Assess
    expect(statuses).toEqual([201, 400, 400, 400, 400, 400, 400, 400]);
    for (const body of bodies) expect(body).toEqual({ name: ['This field must be unique.'] });
  });

  it('fails the losing distribution task with a clear reason, not a database error', async () => {
    // Act
    const responses = await Promise.all(
      ['first', 'second'].map((name) =>
        stack.api('/pulp/api/v3/distributions/file/file/', { method: 'POST', body: { name: `dist-${name}-${Date.now()}`, base_path: 'contested/path' } }),
      ),
    );
    const tasks = await Promise.all(responses.map(async (r) => waitForTask(stack, (await json(r)).task)));
    // Assess: creation order decides; validation or the unique index stops the second.
    const states = tasks.map((t) => t.state).sort();
    expect(states).toEqual(['completed', 'failed']);
    const failed = tasks.find((t) => t.state === 'failed')!;
    expect(failed.error.description).toMatch(/base_path/);
    expect(failed.error.description).not.toMatch(/duplicate key|violates/);
  });
});
