import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redirectToContentApp } from '../../../layers/app/access';
import { preauthenticateUrl } from '../../../layers/core/signing/redirect-url';
import { basic } from '../../support/access-users';
import { pulpCliFor, type PulpCli } from '../../support/pulp-cli';
import { startTestStack, type TestStack } from '../../support/test-stack';

const PASSWORD = 'Yeech6ba-clitest';

/** pulp-cli 0.41's user, group, role, access-policy and content-guard commands against the stack. */
describe('pulp-cli: access control', () => {
  let stack: TestStack;
  let cli: PulpCli;
  /** `pulp` as another user: global --username/--password override the config's admin. */
  const as = (username: string) => (args: string[]) => cli.run(['--username', username, '--password', PASSWORD, ...args]);

  beforeAll(async () => {
    stack = await startTestStack('e2e-cli-access', { workers: 2 });
    cli = await pulpCliFor(stack);
  });

  afterAll(async () => {
    await cli?.close();
    await stack?.stop();
  });

  it('pulp user list / show / create / update', async () => {
    // Act
    const listed = await cli.json(['user', 'list']);
    const admin = await cli.json(['user', 'show', '--username', 'admin']);
    const made = await cli.json(['user', 'create', '--username', 'core-user-clitest', '--password', PASSWORD]);
    const update = await cli.run(['user', 'update', '--username', 'core-user-clitest', '--first-name', 'cli', '--last-name', 'test']);
    const updated = await cli.json(['user', 'show', '--username', 'core-user-clitest']);

    // Assess
    expect(listed.map((u: any) => u.username)).toContain('admin');
    expect(admin).toMatchObject({ username: 'admin', is_active: true });
    expect(made).toMatchObject({ username: 'core-user-clitest', hidden_fields: [{ name: 'password', is_set: true }] });
    expect(update.code).toBe(0);
    expect(updated).toMatchObject({ first_name: 'cli', last_name: 'test' });
  });

  it('pulp group create / show / user add, list, remove / destroy', async () => {
    // Act
    await cli.json(['group', 'create', '--name', 'cli_test_group']);
    const shown = await cli.json(['group', 'show', '--name', 'cli_test_group']);
    const added = await cli.run(['group', 'user', 'add', '--group', 'cli_test_group', '--username', 'admin']);
    const members = await cli.json(['group', 'user', 'list', '--group', 'cli_test_group']);
    const removed = await cli.run(['group', 'user', 'remove', '--group', 'cli_test_group', '--username', 'admin']);
    const after = await cli.json(['group', 'user', 'list', '--group', 'cli_test_group']);
    const destroyed = await cli.run(['group', 'destroy', '--name', 'cli_test_group']);

    // Assess
    expect(shown.name).toBe('cli_test_group');
    expect([added.code, removed.code, destroyed.code]).toEqual([0, 0, 0]);
    expect(members.map((u: any) => u.username)).toEqual(['admin']);
    expect(after).toEqual([]);
  });

  it('pulp role and role assignments, as test_role.sh drives them', async () => {
    // Prepare
    const user = as('core-role-clitest');
    await cli.json(['role', 'list']);
    const taskOwner = await cli.json(['role', 'show', '--name', 'core.task_owner']);
    await cli.json(['role', 'create', '--name', 'core-role-clitest.group_viewer', '--permission', 'core.view_group']);
    await cli.json(['user', 'create', '--username', 'core-role-clitest', '--password', PASSWORD]);
    const group = await cli.json(['group', 'create', '--name', 'core-role-clitest']);
    await cli.run(['group', 'user', 'add', '--group', 'core-role-clitest', '--username', 'core-role-clitest']);

    // Act
    const tasks = await user(['task', 'list']);
    const hidden = await user(['group', 'show', '--name', 'core-role-clitest']);
    await cli.json(['user', 'role-assignment', 'add', '--username', 'core-role-clitest', '--role', 'core-role-clitest.group_viewer', '--object', group.pulp_href]);
    const assigned = await cli.json(['user', 'role-assignment', 'list', '--username', 'core-role-clitest', '--role', 'core-role-clitest.group_viewer', '--object', group.pulp_href]);
    const visible = await user(['group', 'show', '--name', 'core-role-clitest']);
    const unassign = await cli.run(['user', 'role-assignment', 'remove', '--username', 'core-role-clitest', '--role', 'core-role-clitest.group_viewer', '--object', group.pulp_href]);
    const hiddenAgain = await user(['group', 'show', '--name', 'core-role-clitest']);
    await cli.json(['group', 'role-assignment', 'add', '--group', 'core-role-clitest', '--role', 'core-role-clitest.group_viewer', '--object', group.pulp_href]);
    const viaGroup = await user(['group', 'show', '--name', 'core-role-clitest']);
    const groupUnassign = await cli.run(['group', 'role-assignment', 'remove', '--group', 'core-role-clitest', '--role', 'core-role-clitest.group_viewer', '--object', group.pulp_href]);
    await cli.json(['user', 'role-assignment', 'add', '--username', 'core-role-clitest', '--role', 'core.group_creator', '--object', '']);
    const created = await user(['group', 'create', '--name', 'core-role-clitest2']);
    const mine = await user(['group', 'role', 'my-permissions', '--name', 'core-role-clitest2']);
    const destroyedRole = await cli.run(['role', 'destroy', '--name', 'core-role-clitest.group_viewer']);

    // Assess
    expect(taskOwner.locked).toBe(true);
    expect(tasks.code).toBe(0);
    expect(JSON.parse(tasks.stdout)).toEqual([]);
    expect(hidden.code).not.toBe(0);
    expect(assigned).toHaveLength(1);
    expect(visible.code).toBe(0);
    expect(unassign.code).toBe(0);
    expect(hiddenAgain.code).not.toBe(0);
    expect(viaGroup.code).toBe(0);
    expect(groupUnassign.code).toBe(0);
    expect(created.code).toBe(0);
    expect(JSON.parse(mine.stdout).permissions).toEqual(expect.arrayContaining(['core.view_group', 'core.change_group', 'core.delete_group']));
    expect(destroyedRole.code).toBe(0);
  });

  it('pulp repository role add / list / remove on one repository (object-level)', async () => {
    await cli.json(['user', 'create', '--username', 'repo-role-clitest', '--password', PASSWORD]);
    await cli.json(['file', 'repository', 'create', '--name', 'cli-role-repo']);
    const before = await as('repo-role-clitest')(['file', 'repository', 'show', '--name', 'cli-role-repo']);
    await cli.json(['file', 'repository', 'role', 'add', '--name', 'cli-role-repo', '--role', 'file.filerepository_viewer', '--user', 'repo-role-clitest']);
    const roles = await cli.json(['file', 'repository', 'role', 'list', '--name', 'cli-role-repo']);
    const during = await as('repo-role-clitest')(['file', 'repository', 'show', '--name', 'cli-role-repo']);
    await cli.json(['file', 'repository', 'role', 'remove', '--name', 'cli-role-repo', '--role', 'file.filerepository_viewer', '--user', 'repo-role-clitest']);
    const after = await as('repo-role-clitest')(['file', 'repository', 'show', '--name', 'cli-role-repo']);
    expect([before.code === 0, during.code === 0, after.code === 0]).toEqual([false, true, false]);
    expect(roles.roles).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'file.filerepository_viewer', users: ['repo-role-clitest'] })]));
  });

  it('pulp access-policy list / show / update / reset, as test_access_policy.sh drives them', async () => {
    // Prepare
    const saved = await cli.json(['access-policy', 'show', '--viewset-name', 'tasks']);
    const statements = JSON.stringify(saved.statements);
    const hooks = JSON.stringify(saved.creation_hooks);

    // Act
    const listed = await cli.json(['access-policy', 'list', '--limit', '1000']);
    const update = async (...args: string[]) => {
      const r = await cli.run(['access-policy', 'update', '--viewset-name', 'tasks', ...args]);
      return r.code === 0 ? cli.json(['access-policy', 'show', '--viewset-name', 'tasks']) : r;
    };
    const withStatements = await update('--statements', statements);
    const withHooks = await update('--creation-hooks', hooks);
    const both = await update('--statements', statements, '--creation-hooks', hooks);
    const reset = await cli.json(['access-policy', 'reset', '--viewset-name', 'tasks']);

    // Assess
    expect(listed.map((p: any) => p.viewset_name)).toEqual(expect.arrayContaining(['tasks', 'repositories/file/file']));
    expect([withStatements.customized, withHooks.customized, both.customized, reset.customized]).toEqual([true, true, true, false]);
    expect(reset.statements).toEqual(saved.statements);
  });

  it('pulp content-guard commands, as test_content_guards.sh drives them', async () => {
    // Act
    await cli.json(['content-guard', 'rbac', 'create', '--name', 'cli_test_rbac_guard']);
    const all = await cli.json(['content-guard', 'list']);
    const byName = await cli.json(['content-guard', 'rbac', 'list', '--name', 'cli_test_rbac_guard']);
    await cli.json(['group', 'create', '--name', 'cli_test_content_guard_group']);
    await cli.json(['content-guard', 'rbac', 'assign', '--name', 'cli_test_rbac_guard', '--group', 'cli_test_content_guard_group']);
    const assigned = await cli.json(['content-guard', 'rbac', 'show', '--name', 'cli_test_rbac_guard']);
    await cli.json(['content-guard', 'rbac', 'remove', '--name', 'cli_test_rbac_guard', '--user', 'admin', '--group', 'cli_test_content_guard_group']);
    const cleared = await cli.json(['content-guard', 'rbac', 'show', '--name', 'cli_test_rbac_guard']);
    await cli.json(['content-guard', 'header', 'create', '--name', 'cli_test_header_guard', '--header-name', 'to', '--header-value', 'ken']);
    const composite = await cli.json(['content-guard', 'composite', 'create', '--name', 'cli_test_composite_guard', '--guard', 'rbac:cli_test_rbac_guard', '--guard', 'header:cli_test_header_guard']);
    const update = await cli.run(['content-guard', 'composite', 'update', '--name', 'cli_test_composite_guard', '--guard', 'rbac:cli_test_rbac_guard', '--description', 'Updated composite guard']);
    const updated = await cli.json(['content-guard', 'composite', 'show', '--name', 'cli_test_composite_guard']);
    const destroyed = await Promise.all(
      [['composite', 'cli_test_composite_guard'], ['header', 'cli_test_header_guard'], ['rbac', 'cli_test_rbac_guard']].map(async ([type, name]) => (await cli.run(['content-guard', type!, 'destroy', '--name', name!])).code),
    );

    // Assess
    expect(all.length).toBeGreaterThan(0);
    expect(byName).toHaveLength(1);
    expect(assigned.groups).toHaveLength(1);
    expect([cleared.users, cleared.groups]).toEqual([[], []]);
    expect(composite.guards).toHaveLength(2);
    expect(update.code).toBe(0);
    expect(updated).toMatchObject({ description: 'Updated composite guard', guards: [expect.stringContaining('/contentguards/core/rbac/')] });
    expect(destroyed).toEqual([0, 0, 0]);
  });

  describe('a guarded distribution', () => {
    const data = randomBytes(200);

    beforeAll(async () => {
      const file = join(cli.dir, 'guarded.bin');
      await writeFile(file, data);
      await cli.json(['file', 'repository', 'create', '--name', 'guarded-cli-repo', '--autopublish']);
      await cli.json(['file', 'content', 'upload', '--file', file, '--relative-path', 'guarded.bin', '--repository', 'guarded-cli-repo']);
      await cli.json(['user', 'create', '--username', 'downloader-clitest', '--password', PASSWORD]);
    });

    const download = (basePath: string, headers: Record<string, string> = {}) => fetch(new URL(`/pulp/content/${basePath}/guarded.bin`, stack.url), { headers, redirect: 'manual' });

    it('refuses an anonymous download and allows the permitted user (RBAC guard)', async () => {
      // Prepare
      await cli.json(['content-guard', 'rbac', 'create', '--name', 'dl-guard']);
      await cli.json(['content-guard', 'rbac', 'assign', '--name', 'dl-guard', '--user', 'downloader-clitest']);
      await cli.json(['file', 'distribution', 'create', '--name', 'guarded-cli', '--base-path', 'guarded-cli', '--repository', 'guarded-cli-repo', '--content-guard', 'core:rbac:dl-guard']);

      // Act
      const anonymous = await download('guarded-cli');
      const permitted = await download('guarded-cli', { authorization: basic('downloader-clitest', PASSWORD) });
      const bytes = Buffer.from(await (await fetch(permitted.headers.get('location')!)).arrayBuffer());

      // Assess
      expect(anonymous.status).toBe(403);
      expect(permitted.status).toBe(302);
      expect(bytes.equals(data)).toBe(true);
    });

    it('serves a content_redirect URL until it expires', async () => {
      // Prepare
      const guard = await cli.json(['content-guard', 'redirect', 'create', '--name', 'redirect-guard']);
      await cli.json(['file', 'distribution', 'create', '--name', 'redirect-cli', '--base-path', 'redirect-cli', '--repository', 'guarded-cli-repo', '--content-guard', 'core:content_redirect:redirect-guard']);
      const id = guard.pulp_href.split('/').at(-2);
      const url = `${stack.url}/pulp/content/redirect-cli/guarded.bin`;
      const fresh = await redirectToContentApp(stack.app.access, id, url);
      const stale = preauthenticateUrl((await stack.app.access.signing.material()).redirect, id, url, Date.now() - 3601_000);

      // Act
      const plain = await download('redirect-cli');
      const ok = await fetch(fresh, { redirect: 'manual' });
      const expired = await fetch(stale, { redirect: 'manual' });

      // Assess
      expect([plain.status, ok.status, expired.status]).toEqual([403, 302, 403]);
    });
  });
});
