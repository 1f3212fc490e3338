import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type ActingUser } from '../../support/access-users';
import { contentHref, createRemote, createRepository, json, uploadContent } from '../../support/file-api';
import { expectTask, waitForTask } from '../../support/tasks';
import { startTestStack, type TestStack } from '../../support/test-stack';

const REPOS = '/pulp/api/v3/repositories/file/file/';
const REMOTES = '/pulp/api/v3/remotes/file/file/';
const DISTS = '/pulp/api/v3/distributions/file/file/';
const CONTENT = '/pulp/api/v3/content/file/files/';
const TASKS = '/pulp/api/v3/tasks/';

type Who = 'admin' | 'owner' | 'creator' | 'viewer' | 'nobody';

/**
 * The matrix through HTTP: admin, an owner and a viewer of one repository, remote and
 * distribution (object-level roles), a creator (model-level *_creator roles) and a user
 * without roles, over repositories, remotes, distributions, content and tasks.
 */
describe('who may do what, through the HTTP API', () => {
  let stack: TestStack;
  const as = {} as Record<Who, ActingUser | { call: ActingUser['call'] }>;
  const objects = {} as Record<'repository' | 'remote' | 'distribution' | 'content' | 'task', string>;

  beforeAll(async () => {
    stack = await startTestStack('access-matrix', { workers: 1 });
    const repo = await createRepository(stack, 'matrix-repo');
    const remote = await createRemote(stack, { name: 'matrix-remote', url: 'http://127.0.0.1:9/PULP_MANIFEST' });
    const upload = await uploadContent(stack, 'matrix.txt', undefined, repo.pulp_href);
    const dist = await expectTask(await stack.api(DISTS, { method: 'POST', body: { name: 'matrix-dist', base_path: 'matrix-dist', repository: repo.pulp_href } }), stack);
    Object.assign(objects, { repository: repo.pulp_href, remote: remote.pulp_href, distribution: dist.created_resources[0], content: contentHref(upload), task: upload.pulp_href });
    const on = (suffix: 'owner' | 'viewer') => [
      { role: `file.filerepository_${suffix}`, object: objects.repository },
      { role: `file.fileremote_${suffix}`, object: objects.remote },
      { role: `file.filedistribution_${suffix}`, object: objects.distribution },
    ];
    as.admin = { call: (path, init = {}) => stack.api(path, init) };
    as.owner = await createUser(stack, 'matrix-owner', on('owner'));
    as.viewer = await createUser(stack, 'matrix-viewer', on('viewer'));
    as.creator = await createUser(stack, 'matrix-creator', [
      { role: 'file.filerepository_creator' },
      { role: 'file.fileremote_creator' },
      { role: 'file.filedistribution_creator' },
    ]);
    as.nobody = await createUser(stack, 'matrix-nobody');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const list = async (who: Who, endpoint: string) => {
    const res = await as[who].call(`${endpoint}?limit=1000`);
    expect(res.status).toBe(200);
    return ((await json(res)).results as Array<{ pulp_href: string }>).map((r) => r.pulp_href);
  };

  describe('reading', () => {
    const reads: Array<[string, keyof typeof objects, Record<Who, number>]> = [
      ['a repository', 'repository', { admin: 200, owner: 200, viewer: 200, creator: 404, nobody: 404 }],
      ['a remote', 'remote', { admin: 200, owner: 200, viewer: 200, creator: 404, nobody: 404 }],
      ['a distribution', 'distribution', { admin: 200, owner: 200, viewer: 200, creator: 404, nobody: 404 }],
      // Content is seen through the repositories holding it.
      ['a content unit', 'content', { admin: 200, owner: 200, viewer: 200, creator: 404, nobody: 404 }],
      // A task is its dispatcher's (the admin's here).
      ['a task', 'task', { admin: 200, owner: 404, viewer: 404, creator: 404, nobody: 404 }],
    ];
    it.each(reads.flatMap(([what, key, expected]) => (Object.keys(expected) as Who[]).map((who) => ({ what, key, who, status: expected[who] }))))(
      '$who reading $what: $status',
      async ({ key, who, status }) => {
        expect((await as[who].call(objects[key])).status).toBe(status);
      },
    );
  });

  describe('lists are scoped', () => {
    const lists: Array<[string, string, keyof typeof objects, Record<Who, boolean>]> = [
      ['repositories', REPOS, 'repository', { admin: true, owner: true, viewer: true, creator: false, nobody: false }],
      ['generic repositories', '/pulp/api/v3/repositories/', 'repository', { admin: true, owner: true, viewer: true, creator: false, nobody: false }],
      ['remotes', REMOTES, 'remote', { admin: true, owner: true, viewer: true, creator: false, nobody: false }],
      ['distributions', DISTS, 'distribution', { admin: true, owner: true, viewer: true, creator: false, nobody: false }],
      ['content', CONTENT, 'content', { admin: true, owner: true, viewer: true, creator: false, nobody: false }],
      ['generic content', '/pulp/api/v3/content/', 'content', { admin: true, owner: true, viewer: true, creator: false, nobody: false }],
      ['tasks', TASKS, 'task', { admin: true, owner: false, viewer: false, creator: false, nobody: false }],
    ];
    it.each(lists.flatMap(([what, endpoint, key, expected]) => (Object.keys(expected) as Who[]).map((who) => ({ what, endpoint, key, who, shown: expected[who] }))))(
      '$who listing $what sees the object: $shown',
      async ({ endpoint, key, who, shown }) => {
        expect((await list(who, endpoint)).includes(objects[key])).toBe(shown);
      },
    );
  });

  describe('changing', () => {
    // Each caller's change differs from the last, so it is never the 200 "nothing changed".
    const changes: Array<[string, keyof typeof objects, (who: Who) => Record<string, unknown>, Record<Who, number>]> = [
      ['a repository', 'repository', (who) => ({ description: `by ${who}` }), { admin: 202, owner: 202, viewer: 403, creator: 404, nobody: 404 }],
      ['a remote', 'remote', (who) => ({ url: `http://127.0.0.1:9/${who}/PULP_MANIFEST` }), { admin: 202, owner: 202, viewer: 403, creator: 404, nobody: 404 }],
      ['a distribution', 'distribution', (who) => ({ base_path: `matrix-by-${who}` }), { admin: 202, owner: 202, viewer: 403, creator: 404, nobody: 404 }],
    ];
    it.each(changes.flatMap(([what, key, body, expected]) => (Object.keys(expected) as Who[]).map((who) => ({ what, key, body, who, status: expected[who] }))))(
      '$who changing $what: $status',
      async ({ key, body, who, status }) => {
        const res = await as[who].call(objects[key], { method: 'PATCH', body: body(who) });
        expect(res.status).toBe(status);
        if (status === 202) await waitForTask(stack, (await json(res)).task);
      },
    );

    it.each([
      { who: 'viewer' as Who, status: 403 },
      { who: 'nobody' as Who, status: 404 },
    ])('$who deleting the repository: $status', async ({ who, status }) => {
      expect((await as[who].call(objects.repository, { method: 'DELETE' })).status).toBe(status);
    });

    it.each([
      { who: 'viewer' as Who, status: 403 },
      { who: 'owner' as Who, status: 202 },
    ])('$who syncing the repository: $status', async ({ who, status }) => {
      const res = await as[who].call(`${objects.repository}sync/`, { method: 'POST', body: { remote: objects.remote } });
      expect(res.status).toBe(status);
      if (status === 202) await waitForTask(stack, (await json(res)).task);
    });
  });

  describe('creating', () => {
    it.each([
      { who: 'viewer' as Who, status: 403 },
      { who: 'nobody' as Who, status: 403 },
      { who: 'creator' as Who, status: 201 },
    ])('$who creating a repository: $status', async ({ who, status }) => {
      expect((await as[who].call(REPOS, { method: 'POST', body: { name: `made-by-${who}` } })).status).toBe(status);
    });

    it('makes the creator owner of what they create, directly or through a task, and shows them their task', async () => {
      // Act
      const repo = await json(await as.creator.call(REPOS, { method: 'POST', body: { name: 'creator-own-repo' } }));
      const remote = await json(await as.creator.call(REMOTES, { method: 'POST', body: { name: 'creator-own-remote', url: 'http://127.0.0.1:9/PULP_MANIFEST' } }));
      const accepted = await as.creator.call(DISTS, { method: 'POST', body: { name: 'creator-dist', base_path: 'creator-dist', repository: repo.pulp_href } });
      const taskHref = (await json(accepted)).task as string;
      const task = await waitForTask(stack, taskHref);
      const dist = task.created_resources[0] as string;
      const seen = await Promise.all([repo.pulp_href, remote.pulp_href, dist, taskHref].map(async (h) => (await as.creator.call(h)).status));
      const mine = await json(await as.creator.call(`${repo.pulp_href}my_permissions/`));
      const deleted = await as.creator.call(remote.pulp_href, { method: 'DELETE' });

      // Assess
      expect(accepted.status).toBe(202);
      expect(task.state).toBe('completed');
      expect(seen).toEqual([200, 200, 200, 200]);
      expect(await list('creator', TASKS)).toContain(taskHref);
      expect(await list('nobody', TASKS)).not.toContain(taskHref);
      expect(mine.permissions).toEqual(expect.arrayContaining(['file.view_filerepository', 'file.change_filerepository', 'file.delete_filerepository']));
      expect(deleted.status).toBe(202);
    });

    it('refuses a creator a distribution of a repository they may not see', async () => {
      const res = await as.creator.call(DISTS, { method: 'POST', body: { name: 'creator-dist-2', base_path: 'creator-dist-2', repository: objects.repository } });
      expect(res.status).toBe(403);
    });
  });

  describe('object roles through list_roles / add_role / remove_role', () => {
    it('an owner hands a viewer role to the user without roles, who then sees the repository', async () => {
      // Act
      const before = (await as.nobody.call(objects.repository)).status;
      const added = await as.owner.call(`${objects.repository}add_role/`, { method: 'POST', body: { role: 'file.filerepository_viewer', users: ['matrix-nobody'] } });
      const during = (await as.nobody.call(objects.repository)).status;
      const roles = await json(await as.owner.call(`${objects.repository}list_roles/`));
      const removed = await as.owner.call(`${objects.repository}remove_role/`, { method: 'POST', body: { role: 'file.filerepository_viewer', users: ['matrix-nobody'] } });
      const after = (await as.nobody.call(objects.repository)).status;
      const byViewer = await as.viewer.call(`${objects.repository}add_role/`, { method: 'POST', body: { role: 'file.filerepository_owner', users: ['matrix-viewer'] } });

      // Assess
      expect([before, added.status, during, removed.status, after]).toEqual([404, 201, 200, 201, 404]);
      expect(roles.roles).toEqual(expect.arrayContaining([{ role: 'file.filerepository_viewer', users: expect.arrayContaining(['matrix-nobody', 'matrix-viewer']), groups: [] }]));
      expect(byViewer.status).toBe(403);
    });
  });
});
