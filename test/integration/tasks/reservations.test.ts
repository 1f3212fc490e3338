import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRemote, createRepository, get } from '../../support/file-api';
import { generateTree, Upstream } from '../file/support/upstream';
import { waitForTask } from '../../support/tasks';
import { startTestStack, type TestStack } from '../../support/test-stack';
import { waitFor } from '../../support/wait-for';

/** Starts a sync and returns its task href once the task is running. */
async function startSync(stack: TestStack, repoHref: string, remoteHref: string): Promise<string> {
  const res = await stack.api(`${repoHref}sync/`, { method: 'POST', body: { remote: remoteHref } });
  expect(res.status).toBe(202);
  const { task } = (await res.json()) as { task: string };
  await waitFor(async () => ((await get(stack, task)).state === 'running' ? true : undefined), { what: 'sync running' });
  return task;
}

describe('real operations reserve what Pulp reserves', () => {
  let stack: TestStack;
  const upstream = new Upstream();
  let release: () => void = () => undefined;

  beforeAll(async () => {
    stack = await startTestStack('reservations', { workers: 3 });
    generateTree(upstream, 20);
    await upstream.start();
  });

  afterAll(async () => {
    release();
    await upstream.stop();
    await stack?.stop();
  });

  /** Holds downloads; new files make sure the next sync has something to download. */
  const gate = (): void => {
    generateTree(upstream, 5, `batch-${Math.random().toString(16).slice(2, 8)}/`);
    upstream.hold = new Promise((resolve) => {
      release = () => {
        upstream.hold = undefined;
        resolve();
      };
    });
  };

  it('runs two syncs of different repositories from one remote in parallel (remote shared)', async () => {
    // Prepare
    gate();
    const remote = await createRemote(stack, { name: 'shared-remote', url: upstream.manifestUrl });
    const a = await createRepository(stack, { name: 'par-a' });
    const b = await createRepository(stack, { name: 'par-b' });
    // Act: both reach running while the upstream holds their downloads.
    const syncA = await startSync(stack, a.pulp_href, remote.pulp_href);
    const syncB = await startSync(stack, b.pulp_href, remote.pulp_href);
    const bothRunning = [(await get(stack, syncA)).state, (await get(stack, syncB)).state];
    release();
    // Assess
    expect(bothRunning).toEqual(['running', 'running']);
    expect((await waitForTask(stack, syncA)).state).toBe('completed');
    expect((await waitForTask(stack, syncB)).state).toBe('completed');
  });

  it('never overlaps a sync (remote shared) with a delete of its remote (remote exclusive)', async () => {
    // Prepare
    gate();
    const remote = await createRemote(stack, { name: 'doomed-remote', url: upstream.manifestUrl });
    const repo = await createRepository(stack, { name: 'sync-vs-delete' });
    const syncTask = await startSync(stack, repo.pulp_href, remote.pulp_href);
    // Act
    const del = await stack.api(remote.pulp_href, { method: 'DELETE' });
    const { task: deleteTask } = (await del.json()) as { task: string };
    const whileSyncing = (await get(stack, deleteTask)).state;
    release();
    const sync = await waitForTask(stack, syncTask);
    const deletion = await waitForTask(stack, deleteTask);
    // Assess: the immediate delete was deferred, not run inline, and ran after the sync.
    expect(del.status).toBe(202);
    expect(whileSyncing).toBe('waiting');
    expect(sync.state).toBe('completed');
    expect(deletion.state).toBe('completed');
    expect(deletion.started_at >= sync.finished_at).toBe(true);
    expect((await stack.api(remote.pulp_href)).status).toBe(404);
  });

  it('defers an immediate repository update while a sync holds the repository', async () => {
    // Prepare
    gate();
    const remote = await createRemote(stack, { name: 'upd-remote', url: upstream.manifestUrl });
    const repo = await createRepository(stack, { name: 'sync-vs-update' });
    const syncTask = await startSync(stack, repo.pulp_href, remote.pulp_href);
    // Act
    const patch = await stack.api(repo.pulp_href, { method: 'PATCH', body: { description: 'changed during sync' } });
    const { task: updateTask } = (await patch.json()) as { task: string };
    const whileSyncing = (await get(stack, updateTask)).state;
    release();
    const update = await waitForTask(stack, updateTask);
    const sync = await waitForTask(stack, syncTask);
    // Assess
    expect(patch.status).toBe(202);
    expect(whileSyncing).toBe('waiting');
    expect(update.state).toBe('completed');
    expect(update.started_at >= sync.finished_at).toBe(true);
    expect((await get(stack, repo.pulp_href)).description).toBe('changed during sync');
  });

  it('runs an immediate update inline when the resource is free', async () => {
    // Prepare
    const repo = await createRepository(stack, { name: 'free-update' });
    // Act
    const patch = await stack.api(repo.pulp_href, { method: 'PATCH', body: { description: 'at once' } });
    const { task } = (await patch.json()) as { task: string };
    // Assess: already final when the response arrives, with Pulp's name and reservation.
    const record = await get(stack, task);
    expect(record.state).toBe('completed');
    expect(record.name).toBe('pulpcore.app.tasks.base.general_update');
    expect(record.reserved_resources_record[0]).toBe(`prn:file.filerepository:${repo.pulp_href.split('/').at(-2)}`);
  });
});
