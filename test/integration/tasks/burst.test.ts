import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqsTaskQueue } from '../../../layers/adapters/sqs/sqs-task-queue';
import { createRepository, ensureFileUnits } from '../../support/file-api';
import { startTestStack, type TestStack } from '../../support/test-stack';
import { waitFor } from '../../support/wait-for';

const REQUESTS = 1_200;
const CONNECTIONS = 64;
const REPOSITORIES = 20;
/** What a client such as pulp-glue waits for an answer. */
const CLIENT_TIMEOUT_MS = 30_000;
/** Every task final this long after the last answer, on its own. */
const SETTLE_MS = 120_000;

type Kind = 'read repository' | 'list tasks' | 'list versions' | 'update repository' | 'modify';
/** The mix: half reads, half writes (a quarter immediate updates, a quarter modifies that wait for a worker). */
const MIX: Kind[] = ['read repository', 'list tasks', 'list versions', 'update repository', 'modify', 'read repository', 'update repository', 'modify'];

describe('a burst of concurrent writes and reads', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack('burst', { workers: 2 });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it(`answers ${REQUESTS} requests at ${CONNECTIONS} connections over ${REPOSITORIES} repositories without a 5xx or a timeout, and every task ends on its own`, { timeout: 600_000 }, async () => {
    // Prepare
    const repos = await Promise.all(Array.from({ length: REPOSITORIES }, (_, i) => createRepository(stack, `burst-${i}`)));
    const units = await ensureFileUnits(
      stack.app,
      Array.from({ length: 40 }, (_, i) => ({ relativePath: `burst/${i}.txt`, sha256: (i + 1).toString(16).padStart(64, 'b'), size: i, artifactId: null })),
    );
    const unitHref = (i: number) => `/pulp/api/v3/content/file/files/${units[i % units.length]!.id}/`;
    const tasksBefore = await stack.app.taskStore.list({}, { limit: 1, offset: 0 });
    const sentBefore = (stack.app.taskQueue as SqsTaskQueue).sent;
    const request = (n: number): Promise<Response> => {
      const repo = repos[n % REPOSITORIES]!;
      const signal = AbortSignal.timeout(CLIENT_TIMEOUT_MS);
      switch (MIX[n % MIX.length]!) {
        case 'read repository':
          return fetch(new URL(repo.pulp_href, stack.url), { headers: { authorization: stack.auth }, signal });
        case 'list tasks':
          return fetch(new URL('/pulp/api/v3/tasks/?limit=10', stack.url), { headers: { authorization: stack.auth }, signal });
        case 'list versions':
          return fetch(new URL(`${repo.pulp_href}versions/`, stack.url), { headers: { authorization: stack.auth }, signal });
        case 'update repository':
          return fetch(new URL(repo.pulp_href, stack.url), {
            method: 'PATCH',
            headers: { authorization: stack.auth, 'content-type': 'application/json' },
            body: JSON.stringify({ description: `update ${n}` }),
            signal,
          });
        case 'modify':
          return fetch(new URL(`${repo.pulp_href}modify/`, stack.url), {
            method: 'POST',
            headers: { authorization: stack.auth, 'content-type': 'application/json' },
            body: JSON.stringify(n % 3 === 0 ? { remove_content_units: [unitHref(n - 1)] } : { add_content_units: [unitHref(n)] }),
            signal,
          });
      }
    };
    const statuses = new Map<number, number>();
    let timeouts = 0;
    let next = 0;
    const started = Date.now();

    // Act: 64 clients, each sending its next request as soon as the last one was answered.
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (next < REQUESTS) {
          const n = next++;
          try {
            const res = await request(n);
            await res.arrayBuffer();
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          } catch {
            timeouts++;
          }
        }
      }),
    );
    const answeredMs = Date.now() - started;
    const unfinished = async () => (await stack.app.taskStore.list({ stateIn: ['waiting', 'running', 'canceling'] }, { limit: 1, offset: 0 })).count;
    await waitFor(async () => ((await unfinished()) === 0 ? true : undefined), { timeoutMs: SETTLE_MS, intervalMs: 500, what: 'every task to be final' });
    const settledMs = Date.now() - started - answeredMs;

    // Assess
    const tasks = (await stack.app.taskStore.list({}, { limit: 1, offset: 0 })).count - tasksBefore.count;
    const messages = (stack.app.taskQueue as SqsTaskQueue).sent - sentBefore;
    const failed = (await stack.app.taskStore.list({ state: 'failed' }, { limit: 5, offset: 0 }));
    const fiveHundreds = [...statuses].filter(([status]) => status >= 500).reduce((n, [, count]) => n + count, 0);
    console.log(
      `burst: ${REQUESTS} requests at ${CONNECTIONS} connections over ${REPOSITORIES} repositories: ` +
        `statuses ${JSON.stringify(Object.fromEntries(statuses))}, timeouts ${timeouts}, answered in ${(answeredMs / 1000).toFixed(1)} s, ` +
        `${tasks} tasks final ${(settledMs / 1000).toFixed(1)} s after the last answer, ${messages} queue messages (${(messages / tasks).toFixed(2)} per task)`,
    );
    expect(timeouts).toBe(0);
    expect(fiveHundreds).toBe(0);
    expect(failed.results.map((t) => t.error)).toEqual([]);
    // At most one wake-up per dispatch plus one per freed resource, not one per waiting task.
    expect(messages / tasks).toBeLessThan(2);
  });
});
