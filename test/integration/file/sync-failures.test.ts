import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskContext } from '../../../layers/core/tasks/task-context';
import { TaskSuspended } from '../../../layers/core/tasks/task-signals';
import { synchronize } from '../../../layers/plugins/file/synchronize';
import { startTestStack, type TestStack } from '../../support/test-stack';
import { createRemote, createRepository, get, sync, versionNumbers } from '../../support/file-api';
import { generateTree, sha256, Upstream } from './support/upstream';

const A = 'a'.repeat(64);

describe('sync failures leave the repository as it was', () => {
  let stack: TestStack;
  const upstream = new Upstream();

  beforeAll(async () => {
    stack = await startTestStack('file-sync-failures', { workers: 2 });
    generateTree(upstream, 20);
    await upstream.start();
  });

  afterAll(async () => {
    await upstream.stop();
    await stack?.stop();
  });

  const manifests: Array<[string, () => string, RegExp]> = [
    ['a ../ path', () => `ok.txt,${A},1\n../escape.txt,${A},1\n`, /Parsing of the manifest file failed on line 2/],
    ['an absolute path', () => `# comment\n/etc/passwd,${A},1\n`, /Parsing of the manifest file failed on line 2/],
    ['a bad digest', () => `x.txt,nothex,1\n`, /Parsing of the manifest file failed on line 1: invalid sha256/],
    ['a bad size', () => `x.txt,${A},-5\n`, /Parsing of the manifest file failed on line 1: invalid size/],
  ];
  it.each(manifests)('fails on a manifest with %s', async (name, manifest, message) => {
    // Prepare
    upstream.manifestOverride = manifest();
    const remote = await createRemote(stack, { name: `bad-${name}`, url: upstream.manifestUrl });
    const repo = await createRepository(stack, { name: `repo-bad-${name}`, remote: remote.pulp_href });

    // Act
    const task = await sync(stack, repo.pulp_href, {}, 'failed');

    // Assess
    expect(task.error.description).toMatch(message);
    expect(await versionNumbers(stack, repo.pulp_href)).toEqual([0]);
    expect((await get(stack, repo.pulp_href)).latest_version_href).toBe(`${repo.pulp_href}versions/0/`);
    upstream.manifestOverride = undefined;
  });

  it('fails naming the file whose bytes do not match the manifest, and creates no version', async () => {
    // Prepare
    const bad = [...upstream.files.keys()].find((p) => p.startsWith('file-'))!;
    upstream.corrupt.add(bad);
    const remote = await createRemote(stack, { name: 'corrupt', url: upstream.manifestUrl });
    const repo = await createRepository(stack, { name: 'repo-corrupt', remote: remote.pulp_href });

    // Act
    const task = await sync(stack, repo.pulp_href, {}, 'failed');

    // Assess
    expect(task.error.description).toContain(bad);
    expect(task.error.description).toMatch(/sha256/);
    expect(await versionNumbers(stack, repo.pulp_href)).toEqual([0]);
    const stored = await get(stack, `/pulp/api/v3/artifacts/?sha256=${sha256(Buffer.from(upstream.files.get(bad)!).fill(0x41))}`);
    expect(stored.count).toBe(0);
    upstream.corrupt.clear();
  });

  it('fails clearly, naming the URL, when the remote is unreachable', async () => {
    // Prepare
    const url = 'http://127.0.0.1:1/nothing/PULP_MANIFEST';
    const remote = await createRemote(stack, { name: 'unreachable', url, max_retries: 0 });
    const repo = await createRepository(stack, { name: 'repo-unreachable', remote: remote.pulp_href });

    // Act
    const task = await sync(stack, repo.pulp_href, {}, 'failed');

    // Assess
    expect(task.error.description).toContain(url);
    expect(await versionNumbers(stack, repo.pulp_href)).toEqual([0]);
  });

  it('fails on an HTTP error from the remote, with the status', async () => {
    // Prepare
    const url = `${upstream.url}/repo/missing/PULP_MANIFEST`;
    const remote = await createRemote(stack, { name: 'http-404', url });
    const repo = await createRepository(stack, { name: 'repo-404', remote: remote.pulp_href });

    // Act
    const task = await sync(stack, repo.pulp_href, {}, 'failed');

    // Assess
    expect(task.error.description).toContain(url);
    expect(task.error.description).toContain('404');
  });

  it('sends the remote headers and basic credentials', async () => {
    // Prepare
    upstream.credentials = { username: 'u', password: 'p@ss' };
    const remote = await createRemote(stack, { name: 'authed', url: upstream.manifestUrl, username: 'u', password: 'p@ss', headers: [{ 'X-Token': 'abc' }] });
    const repo = await createRepository(stack, { name: 'repo-authed', remote: remote.pulp_href });

    // Act
    const task = await sync(stack, repo.pulp_href);

    // Assess
    expect(task.created_resources).toEqual([`${repo.pulp_href}versions/1/`]);
    expect(upstream.lastHeaders['x-token']).toBe('abc');
    upstream.credentials = undefined;
  });

  it('rejects bad sync requests with 400 and dispatches nothing', async () => {
    // Prepare
    const remote = await createRemote(stack, { name: 'for-400s', url: upstream.manifestUrl });
    const noRemote = await createRepository(stack, { name: 'no-remote' });
    const autopublish = await createRepository(stack, { name: 'autopub', remote: remote.pulp_href, autopublish: true });
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [noRemote.pulp_href, {}, 'remote'],
      [noRemote.pulp_href, { remote: '/pulp/api/v3/remotes/file/file/00000000-0000-0000-0000-000000000000/' }, 'remote'],
      [autopublish.pulp_href, { mirror: true }, 'mirror'],
      [noRemote.pulp_href, { remote: remote.pulp_href, unknown: 1 }, 'unknown'],
    ];

    // Act
    const answers = await Promise.all(
      cases.map(async ([href, body, field]) => {
        const res = await stack.api(`${href}sync/`, { method: 'POST', body });
        return { status: res.status, body: (await res.json()) as Record<string, unknown>, field };
      }),
    );

    // Assess
    for (const a of answers) {
      expect(a.status, JSON.stringify(a.body)).toBe(400);
      expect(Object.keys(a.body)).toContain(a.field);
    }
    const tasks = await get(stack, '/pulp/api/v3/tasks/?name=pulp_file.app.tasks.synchronizing.synchronize&limit=1000');
    const onThese = (tasks.results as Array<{ reserved_resources_record: string[] }>).filter((t) =>
      t.reserved_resources_record.some((r) => r.includes(noRemote.prn.split(':')[2]) || r.includes(autopublish.prn.split(':')[2])),
    );
    expect(onThese).toEqual([]);
    expect((await stack.api('/pulp/api/v3/repositories/file/file/00000000-0000-0000-0000-000000000000/sync/', { method: 'POST', body: {} })).status).toBe(404);
  });

  it('saves a checkpoint and asks to continue when the invocation is about to run out of time', async () => {
    // Prepare: plenty of time at the start, then too little.
    for (let i = 0; i < 3; i++) upstream.add(`not-yet-stored/${i}.bin`);
    const remote = await createRemote(stack, { name: 'short-lived', url: upstream.manifestUrl });
    const repo = await createRepository(stack, { name: 'repo-short-lived' });
    let calls = 0;
    let saved: unknown;
    const ctx: TaskContext = {
      taskId: 'direct',
      loggingCid: '',
      remainingTimeMs: () => (calls++ === 0 ? 10_000 : 1_000),
      progress: async () => undefined,
      created: async () => undefined,
      uncreated: async () => undefined,
      throwIfCanceled: async () => undefined,
      checkpoint: undefined,
      continueLater: (state: unknown) => {
        saved = state;
        throw new TaskSuspended(state);
      },
      dispatchChild: async () => {
        throw new Error('not expected');
      },
    };
    const repository = (await stack.app.services.repositories.get(repo.prn.split(':')[2]))!;
    const upstreamRemote = (await stack.app.services.remotes.get(remote.prn.split(':')[2]))!;

    // Act
    const error = await synchronize({ repository, remote: upstreamRemote, mirror: false, options: { optimize: true } }, ctx, stack.app.plugins).catch(
      (e: Error) => e,
    );

    // Assess
    expect(error).toBeInstanceOf(TaskSuspended);
    // Files already handed to fetchers are named, so the continuation waits for them instead of asking twice.
    expect(saved).toMatchObject({ downloaded: expect.any(Number), invocations: 1 });
    expect(await versionNumbers(stack, repo.pulp_href)).toEqual([0]);
  });
});
