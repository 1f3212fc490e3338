import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Route } from '../../../layers/http/route';
import { hostileQueries } from '../../support/hostile/hostile-queries';
import { concretePath, hostileRequests, multipart, type HostileRequest } from '../../support/hostile/hostile-requests';
import { waitForTask } from '../../support/tasks';
import { waitFor } from '../../support/wait-for';
import { startTestStack, type TestStack } from '../../support/test-stack';

const RESULTS = path.resolve(import.meta.dirname, '../../../bench/results/hostile-corpus.json');
const CONCURRENCY = 8;
/** Lists whose contents move by themselves (heartbeats) and are no evidence of a write. */
const UNSTABLE = ['/pulp/api/v3/workers/'];
/** What must never reach a client: a stack frame, a source location, a server path. */
const LEAK = /\n\s+at |\bat [\w.<>]+ \(|\.(?:ts|js|mjs):\d+|(?:^|["'\s(])\/(?:home|work|usr|opt|srv|var\/task|tmp)\//;

interface Outcome {
  request: HostileRequest;
  status: number;
  body: string;
}

const isList = (route: Route<unknown>): boolean => {
  const ok = route.responses[200]?.schema;
  return route.method === 'GET' && typeof ok === 'object' && ok !== null && 'paginated' in ok;
};

/**
 * Every write endpoint of the route table (so new routes are covered without edits) gets
 * hostile bodies generated from its declared schema; every read gets hostile queries. Each
 * refused case must be a 4xx that changes nothing; nothing may be a 5xx or leak a stack.
 */
describe('hostile corpus over the route table', () => {
  let stack: TestStack;
  let routes: Route<unknown>[];
  let collections: string[];
  const seeded = new Map<string, string>();

  const send = async (r: HostileRequest): Promise<Outcome> => {
    const res = await fetch(new URL(r.path, stack.url), {
      method: r.method,
      headers: { authorization: stack.auth, ...r.headers },
      body: r.body,
    });
    return { request: r, status: res.status, body: (await res.text()).slice(0, 65_536) };
  };

  const sendAll = async (requests: HostileRequest[]): Promise<Outcome[]> => {
    const outcomes: Outcome[] = [];
    for (let i = 0; i < requests.length; i += CONCURRENCY) outcomes.push(...(await Promise.all(requests.slice(i, i + CONCURRENCY).map(send))));
    return outcomes;
  };

  /** Counts of every list plus the seeded objects as they read now: any accepted write shows. */
  const snapshot = async (): Promise<Record<string, string>> => {
    const out: Record<string, string> = {};
    for (const list of collections) {
      const res = await stack.api(`${list}?limit=1`);
      out[list] = String(((await res.json()) as { count: number }).count);
    }
    for (const href of seeded.values()) out[href] = await (await stack.api(href)).text();
    return out;
  };

  /** Waits until no task is pending, so an accepted edge case cannot change the next route's snapshot. */
  const settle = () =>
    waitFor(
      async () => {
        const res = await stack.api('/pulp/api/v3/tasks/?state__in=waiting,running,canceling&limit=1');
        return ((await res.json()) as { count: number }).count === 0 || undefined;
      },
      { timeoutMs: 60_000, intervalMs: 100, what: 'pending tasks to finish' },
    );

  const changed = (before: Record<string, string>, after: Record<string, string>): string[] =>
    Object.keys({ ...before, ...after }).filter((k) => before[k] !== after[k]);

  /** One object per collection that can be made from its required fields (plus a file where one fits). */
  const seed = async () => {
    for (const route of routes.filter((r) => r.method === 'POST' && collections.includes(r.path) && r.body)) {
      const fields = Object.fromEntries(
        Object.entries(route.body!.schema.fields)
          .filter(([, f]) => !f.readOnly && (f.required || f.kind === 'file'))
          .map(([name, f]) => [name, f.kind === 'file' ? { file: Buffer.from('seed file\n') } : { value: seedValue(name, f.kind, f.format, f.minimum) }]),
      );
      const res = await fetch(new URL(route.path, stack.url), {
        method: 'POST',
        headers: { authorization: stack.auth, 'content-type': 'multipart/form-data; boundary=hostileCorpusBoundary7MA4YWxkTrZu0gW' },
        body: multipart(fields),
      });
      const body = (await res.json()) as Record<string, string>;
      if (res.status === 202 && body.task) await waitForTask(stack, body.task);
    }
    for (const list of collections) {
      const res = await stack.api(`${list}?limit=1`);
      const first = ((await res.json()) as { results: Array<{ pulp_href?: string }> }).results[0]?.pulp_href;
      if (first) seeded.set(list, first);
    }
  };

  beforeAll(async () => {
    stack = await startTestStack('hostile-corpus', { workers: 1 });
    routes = stack.app.routes as Route<unknown>[];
    collections = routes.filter((r) => isList(r) && !r.path.includes('{') && !UNSTABLE.includes(r.path)).map((r) => r.path);
    await seed();
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('answers every hostile request with a 4xx (never a 5xx), changes nothing and leaks nothing', async () => {
    // Prepare
    const writes = routes.filter((r) => r.body && r.method !== 'GET');
    const reads = routes.filter((r) => r.method === 'GET' && !r.undocumented);
    const pathOf = (r: Route<unknown>) => concretePath(r, (collection) => seeded.get(collection));
    const failures: string[] = [];
    const outcomes: Outcome[] = [];
    const started = Date.now();

    // Act
    let current = await snapshot();
    for (const route of writes) {
      const cases = hostileRequests(route, pathOf(route));
      const strict = await sendAll(cases.filter((c) => c.expect === 'refused'));
      const after = await snapshot();
      const diff = changed(current, after);
      if (diff.length) failures.push(`${route.method} ${route.path}: refused cases changed ${diff.join(', ')}`);
      const edge = await sendAll(cases.filter((c) => c.expect === 'edge'));
      outcomes.push(...strict, ...edge);
      // An accepted edge case may change things (now or in its task): the next route starts from what is.
      if (edge.some((o) => o.status < 300)) {
        await settle();
        current = await snapshot();
      } else {
        current = after;
      }
      if (process.env.HOSTILE_VERBOSE) console.log(`${route.method} ${route.path}: ${cases.length} cases, ${Math.round((Date.now() - started) / 1000)} s`);
    }
    const before = current;
    if (process.env.HOSTILE_VERBOSE) console.log(`writes done, ${Math.round((Date.now() - started) / 1000)} s`);
    for (const route of reads) outcomes.push(...(await sendAll(hostileQueries(route, pathOf(route), isList(route)))));
    outcomes.push(...(await sendAll([...authCases(collections[0]!), ...oversizeCases(writes[0]!, pathOf(writes[0]!))])));
    const diff = changed(before, await snapshot());
    if (diff.length) failures.push(`queries changed ${diff.join(', ')}`);

    // Assess
    for (const o of outcomes) {
      const what = `${o.request.route} [${o.request.label}] → ${o.status} ${o.body.slice(0, 200)}`;
      if (o.status >= 500) failures.push(`5xx: ${what}`);
      else if (o.request.expect === 'refused' && (o.status < 400 || o.status >= 500)) failures.push(`accepted: ${what}`);
      // Error answers are this layer's; objects in 200s (task errors) are their owners' to sanitise.
      if (o.status >= 400 && LEAK.test(o.body)) failures.push(`leak: ${what}`);
    }
    const figures = {
      routes: { writes: writes.length, reads: reads.length },
      cases: outcomes.length,
      refusedCases: outcomes.filter((o) => o.request.expect === 'refused').length,
      status2xx: outcomes.filter((o) => o.status < 300).length,
      status4xx: outcomes.filter((o) => o.status >= 400 && o.status < 500).length,
      status5xx: outcomes.filter((o) => o.status >= 500).length,
      byStatus: Object.fromEntries([...new Set(outcomes.map((o) => o.status))].sort().map((s) => [s, outcomes.filter((o) => o.status === s).length])),
      failures: failures.length,
    };
    // The file holds what does not vary between runs; the time goes to the log only.
    mkdirSync(path.dirname(RESULTS), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`hostile corpus: ${JSON.stringify({ ...figures, seconds: Math.round((Date.now() - started) / 1000) })}`);
    expect(writes.length).toBeGreaterThan(0);
    expect(failures.slice(0, 60)).toEqual([]);
    // A guard against a hang, not a speed bound: about 100 s alone, much longer beside other files on 2 cores.
  }, 900_000);
});

function seedValue(name: string, kind: string, format: string | undefined, minimum: number | undefined): unknown {
  if (format === 'url') return 'http://127.0.0.1:1/PULP_MANIFEST';
  if (format === 'path') return `seed/${name}.txt`;
  if (kind === 'integer' || kind === 'number') return Math.max(minimum ?? 1, 1);
  return `seed-${name}-${Date.now()}`;
}

/** Authorization headers that must be a 401, never a 500 (a NUL reached the user lookup once). */
function authCases(list: string): HostileRequest[] {
  const basic = (text: string | Buffer) => `Basic ${Buffer.from(text).toString('base64')}`;
  const headers: Array<[string, string]> = [
    ['a NUL in the username', basic('ad\u0000min:x')],
    ['a control character in the username', basic('ad\u0001min:x')],
    ['a 6,000-character username', basic(`${'u'.repeat(6000)}:x`)],
    ['invalid UTF-8 in the username', basic(Buffer.from([0xc3, 0x28, 0x3a, 0x78]))],
    ['a NUL in the password', basic('admin:\u0000')],
    ['no credentials', 'Basic '],
    ['padding only', 'Basic ===='],
    ['another scheme', 'Bearer abc'],
  ];
  return headers.map(([label, authorization]) => ({ route: `GET ${list}`, label: `Authorization: ${label}`, method: 'GET', path: list, headers: { authorization }, expect: 'refused' }));
}

/** Bodies past the gateway's limit (413 from it) and just under it (400 from validation, never a 5xx). */
function oversizeCases(route: Route<unknown>, path: string): HostileRequest[] {
  const json = (size: number) => Buffer.from(JSON.stringify({ x: 'z'.repeat(size) }));
  const base = { route: `${route.method} ${route.path}`, method: route.method, path, headers: { 'content-type': 'application/json' }, expect: 'refused' as const };
  return [
    { ...base, label: 'an 11 MB body', body: json(11 * 1024 * 1024) },
    { ...base, label: 'a 5 MB body', body: json(5 * 1024 * 1024) },
  ];
}
