import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, createUser, grant, type ActingUser } from '../../support/access-users';
import { json } from '../../support/file-api';
import { startTestStack, type TestStack } from '../../support/test-stack';

const USERS = '/pulp/api/v3/users/';
const GROUPS = '/pulp/api/v3/groups/';
const ROLES = '/pulp/api/v3/roles/';
const POLICIES = '/pulp/api/v3/access_policies/';
const REPOS = '/pulp/api/v3/repositories/file/file/';

describe('users, groups, roles and access policies through the API', () => {
  let stack: TestStack;
  let member: ActingUser;

  beforeAll(async () => {
    stack = await startTestStack('access-users', { workers: 1 });
    member = await createUser(stack, 'group-member');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('creates a user whose password is never shown, lets them in, and refuses them once inactive', async () => {
    // Act
    const made = await json(await stack.api(USERS, { method: 'POST', body: { username: 'carol', password: 'carol-Pa55word', email: 'carol@example.org' } }));
    const first = await fetch(new URL('/pulp/api/v3/tasks/', stack.url), { headers: { authorization: basic('carol', 'carol-Pa55word') } });
    const patched = await stack.api(made.pulp_href, { method: 'PATCH', body: { is_active: false } });
    const second = await fetch(new URL('/pulp/api/v3/tasks/', stack.url), { headers: { authorization: basic('carol', 'carol-Pa55word') } });

    // Assess
    expect(made).toMatchObject({ username: 'carol', email: 'carol@example.org', is_staff: false, is_active: true, groups: [], hidden_fields: [{ name: 'password', is_set: true }] });
    expect(made.pulp_href).toMatch(/^\/pulp\/api\/v3\/users\/\d+\/$/);
    expect(made).not.toHaveProperty('password');
    expect([first.status, patched.status, second.status]).toEqual([200, 200, 401]);
  });

  it.each([
    { body: { username: 'x1', password: 'short' }, field: 'password' },
    { body: { username: 'x2', password: '12345678901' }, field: 'password' },
    { body: { username: 'bad name', password: 'good-Pa55word' }, field: 'username' },
    { body: { username: 'admin', password: 'good-Pa55word' }, field: 'username' },
  ])('refuses a user with a bad $field', async ({ body, field }) => {
    const res = await stack.api(USERS, { method: 'POST', body });
    expect(res.status).toBe(400);
    expect(Object.keys(await json(res))).toContain(field);
  });

  it('refuses the users API to anyone but the admin', async () => {
    expect((await member.call(USERS)).status).toBe(403);
  });

  it('gives a group member the group’s roles, and takes them away with the membership', async () => {
    // Prepare
    const group = await json(await stack.api(GROUPS, { method: 'POST', body: { name: 'repo-makers' } }));
    await stack.api(`${group.pulp_href}roles/`, { method: 'POST', body: { role: 'file.filerepository_creator', content_object: null } });

    // Act
    const before = await member.call(REPOS, { method: 'POST', body: { name: 'before-joining' } });
    const joined = await stack.api(`${group.pulp_href}users/`, { method: 'POST', body: { username: member.username } });
    const during = await member.call(REPOS, { method: 'POST', body: { name: 'while-member' } });
    const members = await json(await stack.api(`${group.pulp_href}users/`));
    const shown = await json(await stack.api(member.href));
    const left = await stack.api(`${group.pulp_href}users/${member.href.split('/').at(-2)}/`, { method: 'DELETE' });
    const after = await member.call(REPOS, { method: 'POST', body: { name: 'after-leaving' } });

    // Assess
    expect([before.status, joined.status, during.status, left.status, after.status]).toEqual([403, 201, 201, 204, 403]);
    expect(members.results.map((u: { username: string }) => u.username)).toEqual([member.username]);
    expect(shown.groups.map((g: { name: string }) => g.name)).toEqual(['repo-makers']);
  });

  it('lists the built-in roles of the installed types, locked', async () => {
    const found = await json(await stack.api(`${ROLES}?name__startswith=file.filerepository_&limit=100`));
    const names = found.results.map((r: { name: string }) => r.name).sort();
    expect(names).toEqual(['file.filerepository_creator', 'file.filerepository_owner', 'file.filerepository_viewer']);
    expect(found.results.every((r: { locked: boolean }) => r.locked)).toBe(true);
    const owner = found.results.find((r: { name: string }) => r.name === 'file.filerepository_owner');
    expect(owner.permissions).toEqual(expect.arrayContaining(['file.sync_filerepository', 'file.modify_filerepository', 'file.manage_roles_filerepository']));
  });

  it('creates, edits and deletes a custom role, and refuses to touch a locked one', async () => {
    // Act
    const made = await stack.api(ROLES, { method: 'POST', body: { name: 'custom.viewer', permissions: ['core.view_group'] } });
    const role = await json(made);
    const edited = await json(await stack.api(role.pulp_href, { method: 'PATCH', body: { permissions: ['core.view_group', 'core.view_task'] } }));
    const unknown = await stack.api(ROLES, { method: 'POST', body: { name: 'custom.bad', permissions: ['core.fly'] } });
    const locked = (await json(await stack.api(`${ROLES}?name=core.task_owner`))).results[0];
    const lockedEdit = await stack.api(locked.pulp_href, { method: 'PATCH', body: { description: 'mine now' } });
    const lockedDelete = await stack.api(locked.pulp_href, { method: 'DELETE' });
    const deleted = await stack.api(role.pulp_href, { method: 'DELETE' });

    // Assess
    expect(made.status).toBe(201);
    expect(edited.permissions).toEqual(['core.view_group', 'core.view_task']);
    expect(unknown.status).toBe(400);
    expect([lockedEdit.status, lockedDelete.status, deleted.status]).toEqual([403, 403, 204]);
  });

  it('refuses an object-level role that carries no permission for the object', async () => {
    const group = await json(await stack.api(GROUPS, { method: 'POST', body: { name: 'wrong-object' } }));
    const res = await stack.api(`${member.href}roles/`, { method: 'POST', body: { role: 'file.filerepository_viewer', content_object: group.pulp_href } });
    expect(res.status).toBe(400);
  });

  describe('access policies', () => {
    it('lists one policy per viewset with a default, the installed types’ included', async () => {
      const found = await json(await stack.api(`${POLICIES}?limit=1000`));
      const names = found.results.map((p: { viewset_name: string }) => p.viewset_name);
      expect(names).toEqual(expect.arrayContaining(['tasks', 'repositories/file/file', 'repositories/file/file/versions', 'distributions/file/file', 'contentguards/core/rbac', 'groups']));
      expect(found.results.every((p: { customized: boolean }) => !p.customized)).toBe(true);
    });

    it('takes a customized policy into effect at once and restores the default on reset', async () => {
      // Prepare: repository listing for the admin only
      const policy = (await json(await stack.api(`${POLICIES}?viewset_name=repositories/file/file`))).results[0];
      const custom = [{ action: ['list'], principal: 'admin', effect: 'allow' }, ...policy.statements.filter((s: { action: string[] }) => !s.action.includes('list'))];

      // Act
      const before = (await member.call(REPOS)).status;
      const updated = await json(await stack.api(policy.pulp_href, { method: 'PATCH', body: { statements: custom } }));
      const during = (await member.call(REPOS)).status;
      const reset = await json(await stack.api(`${policy.pulp_href}reset/`, { method: 'POST' }));
      const after = (await member.call(REPOS)).status;

      // Assess
      expect([before, during, after]).toEqual([200, 403, 200]);
      expect(updated.customized).toBe(true);
      expect(reset.customized).toBe(false);
      expect(reset.statements).toEqual(policy.statements);
    });

    it('refuses malformed statements', async () => {
      const policy = (await json(await stack.api(`${POLICIES}?viewset_name=tasks`))).results[0];
      const res = await stack.api(policy.pulp_href, { method: 'PATCH', body: { statements: [{ action: 'list', effect: 'maybe' }] } });
      expect(res.status).toBe(400);
    });
  });

  it('a model-level role lets its holder see every object of the type', async () => {
    const viewer = await createUser(stack, 'group-viewer-all');
    const before = (await json(await viewer.call(GROUPS))).count;
    await grant(stack, viewer.href, 'core.group_viewer', null);
    const after = (await json(await viewer.call(GROUPS))).count;
    expect(before).toBe(0);
    expect(after).toBe((await json(await stack.api(GROUPS))).count);
  });
});
