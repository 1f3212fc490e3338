import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepository, get, json } from '../../support/file-api';
import { expectTask } from '../../support/tasks';
import { startTestStack, type TestStack } from '../../support/test-stack';

const REPOS = '/pulp/api/v3/repositories/file/file/';

describe('file repositories', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack('file-repositories');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('creates a repository with version 0 and Pulp fields', async () => {
    // Act
    const repo = await createRepository(stack, 'repo-basic', { description: 'd', pulp_labels: { env: 'dev' } });
    // Assess
    expect(repo.pulp_href).toMatch(/^\/pulp\/api\/v3\/repositories\/file\/file\/[0-9a-f-]{36}\/$/);
    expect(repo).toMatchObject({
      name: 'repo-basic',
      description: 'd',
      pulp_labels: { env: 'dev' },
      versions_href: `${repo.pulp_href}versions/`,
      latest_version_href: `${repo.pulp_href}versions/0/`,
      retain_repo_versions: null,
      remote: null,
      autopublish: false,
      manifest: 'PULP_MANIFEST',
    });
    expect(repo.prn).toBe(`prn:file.filerepository:${repo.pulp_href.split('/')[7]}`);
    const versions = await get(stack, `${repo.pulp_href}versions/`);
    expect(versions.count).toBe(1);
    expect(versions.results[0].number).toBe(0);
  });

  it.each([
    ['a duplicate name', { name: 'dup' }, { name: ['This field must be unique.'] }],
    ['an unknown field', { name: 'x1', colour: 'red' }, { colour: 'Unexpected field' }],
    ['no name', {}, { name: ['This field is required.'] }],
    ['retain_repo_versions 0', { name: 'x2', retain_repo_versions: 0 }, { retain_repo_versions: ['Ensure this value is greater than or equal to 1.'] }],
    ['a bad remote href', { name: 'x3', remote: '/pulp/api/v3/nothing/' }, { remote: ['Invalid hyperlink - No URL match.'] }],
  ])('refuses %s with 400', async (_label, body, errors) => {
    // Prepare
    await stack.api(REPOS, { method: 'POST', body: { name: 'dup' } });
    // Act
    const res = await stack.api(REPOS, { method: 'POST', body });
    // Assess
    expect(res.status).toBe(400);
    expect(await json(res)).toEqual(errors);
  });

  it('answers PATCH with 200 when nothing changes and with a task otherwise', async () => {
    // Prepare
    const repo = await createRepository(stack, 'repo-patch', { description: 'same' });
    // Act
    const same = await stack.api(repo.pulp_href, { method: 'PATCH', body: { description: 'same' } });
    const changed = await stack.api(repo.pulp_href, { method: 'PATCH', body: { description: 'new', retain_repo_versions: 2 } });
    // Assess
    expect(same.status).toBe(200);
    expect((await json(same)).description).toBe('same');
    const task = await expectTask(changed, stack);
    expect(task.name).toBe('pulpcore.app.tasks.base.general_update');
    expect(task.reserved_resources_record[0]).toBe(repo.prn);
    expect(await get(stack, repo.pulp_href)).toMatchObject({ description: 'new', retain_repo_versions: 2 });
  });

  it('renaming onto a taken name is a 400', async () => {
    // Prepare
    await createRepository(stack, 'taken-a');
    const b = await createRepository(stack, 'taken-b');
    // Act
    const res = await stack.api(b.pulp_href, { method: 'PATCH', body: { name: 'taken-a' } });
    // Assess
    expect(res.status).toBe(400);
    expect(await json(res)).toEqual({ name: ['This field must be unique.'] });
  });

  it('sets and unsets labels, refusing to unset a missing one', async () => {
    // Prepare
    const repo = await createRepository(stack, 'repo-labels');
    // Act
    const set = await stack.api(`${repo.pulp_href}set_label/`, { method: 'POST', body: { key: 'tier', value: 'gold' } });
    const unset = await stack.api(`${repo.pulp_href}unset_label/`, { method: 'POST', body: { key: 'tier' } });
    const missing = await stack.api(`${repo.pulp_href}unset_label/`, { method: 'POST', body: { key: 'tier' } });
    // Assess
    expect(set.status).toBe(201);
    expect(await json(set)).toEqual({ key: 'tier', value: 'gold' });
    expect(unset.status).toBe(201);
    expect(await json(unset)).toEqual({ key: 'tier', value: 'gold' });
    expect(missing.status).toBe(400);
    expect((await get(stack, repo.pulp_href)).pulp_labels).toEqual({});
  });

  it.each([
    ['env', ['sel-a', 'sel-b']],
    ['!env', ['sel-c']],
    ['env=prod', ['sel-a']],
    ['env!=prod', ['sel-b']],
    ['env~PR', ['sel-a']],
    ['env,team=x', ['sel-b']],
  ])('filters by pulp_label_select=%s', async (selector, names) => {
    // Prepare
    for (const [name, labels] of [
      ['sel-a', { env: 'prod' }],
      ['sel-b', { env: 'dev', team: 'x' }],
      ['sel-c', { team: 'x' }],
    ] as const)
      await stack.api(REPOS, { method: 'POST', body: { name, pulp_labels: labels } });
    // Act
    const page = await get(stack, `${REPOS}?name__startswith=sel-&pulp_label_select=${encodeURIComponent(selector)}&ordering=name`);
    // Assess
    expect(page.results.map((r: any) => r.name)).toEqual(names);
    expect(page.count).toBe(names.length);
  });

  it.each([
    ['name=flt-one', ['flt-one']],
    ['name__in=flt-one,flt-two', ['flt-one', 'flt-two']],
    ['name__contains=two', ['flt-two']],
    ['name__icontains=TWO', ['flt-two']],
    ['name__startswith=flt-t', ['flt-three', 'flt-two']],
    ['name__startswith=flt-&ordering=-name', ['flt-two', 'flt-three', 'flt-one']],
  ])('filters by %s', async (query, names) => {
    // Prepare
    for (const name of ['flt-one', 'flt-two', 'flt-three']) await stack.api(REPOS, { method: 'POST', body: { name } });
    // Act
    const page = await get(stack, `${REPOS}?${query}${query.includes('ordering') ? '' : '&ordering=name'}`);
    // Assess
    expect(page.results.map((r: any) => r.name)).toEqual(names);
  });

  it('pages the generic repositories list with exact counts and field selection', async () => {
    // Prepare
    for (const name of ['pg-1', 'pg-2', 'pg-3']) await stack.api(REPOS, { method: 'POST', body: { name } });
    // Act
    const page = await get(stack, '/pulp/api/v3/repositories/?name__startswith=pg-&limit=2&offset=0&fields=name,pulp_href');
    // Assess
    expect(page.count).toBe(3);
    expect(page.next).toContain('offset=2');
    expect(Object.keys(page.results[0]).sort()).toEqual(['name', 'pulp_href']);
  });

  it('deletes with an immediate task; the repository is then 404', async () => {
    // Prepare
    const repo = await createRepository(stack, 'repo-delete');
    // Act
    const task = await expectTask(await stack.api(repo.pulp_href, { method: 'DELETE' }), stack);
    // Assess
    expect(task.name).toBe('pulpcore.app.tasks.base.general_delete');
    expect((await stack.api(repo.pulp_href)).status).toBe(404);
  });
});
