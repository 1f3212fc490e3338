import { expect } from 'vitest';
import type { ApiClient } from './api-client';
import { waitFor } from './wait-for';

const FINAL = ['completed', 'failed', 'canceled', 'skipped'];

/** Polls a task href like pulp-glue does, until the task is final. */
export async function waitForTask(stack: ApiClient, href: string, timeoutMs = 60_000, intervalMs = 50): Promise<Record<string, any>> {
  return waitFor(
    async () => {
      const res = await stack.api(href);
      expect(res.status).toBe(200);
      const task = (await res.json()) as Record<string, any>;
      return FINAL.includes(task.state) ? task : undefined;
    },
    { timeoutMs, intervalMs, what: `task ${href}` },
  );
}

/** Expects 202 `{task}` and waits for the task. */
export async function expectTask(res: Response, stack: ApiClient, state = 'completed'): Promise<Record<string, any>> {
  const body = (await res.json()) as Record<string, any>;
  expect(res.status, JSON.stringify(body)).toBe(202);
  expect(Object.keys(body)).toEqual(['task']);
  const task = await waitForTask(stack, body.task);
  expect(task.state, JSON.stringify(task.error)).toBe(state);
  return task;
}
