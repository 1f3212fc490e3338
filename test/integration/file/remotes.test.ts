import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectTask } from '../../support/tasks';
import { startTestStack, type TestStack } from '../../support/test-stack';
import { createRemote, get } from '../../support/file-api';

const REMOTES = '/pulp/api/v3/remotes/file/file/';

describe('file remotes CRUD', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack('file-remotes', { workers: 1 });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('creates a remote with defaults and hides secrets', async () => {
    // Prepare
    const body = { name: 'r1', url: 'https://example.com/PULP_MANIFEST', password: 'secret', username: 'me', pulp_labels: { env: 'prod' } };

    // Act
    const remote = await createRemote(stack, body);

    // Assess
    expect(remote.pulp_href).toMatch(/^\/pulp\/api\/v3\/remotes\/file\/file\/[0-9a-f-]{36}\/$/);
    expect(remote.prn).toMatch(/^prn:file\.fileremote:[0-9a-f-]{36}$/);
    expect(remote).toMatchObject({ name: 'r1', policy: 'immediate', tls_validation: true, headers: [], proxy_url: null, download_concurrency: null });
    expect(remote).not.toHaveProperty('password');
    expect(remote.hidden_fields).toEqual([
      { name: 'client_key', is_set: false },
      { name: 'proxy_username', is_set: false },
      { name: 'proxy_password', is_set: false },
      { name: 'username', is_set: true },
      { name: 'password', is_set: true },
    ]);
    expect(remote.pulp_created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
  });

  const bad: Array<[string, Record<string, unknown>, string]> = [
    ['no url', { name: 'x' }, 'url'],
    ['no name', { url: 'http://h/' }, 'name'],
    ['a bad policy', { name: 'x', url: 'http://h/', policy: 'sometimes' }, 'policy'],
    ['a bad url', { name: 'x', url: 'not a url' }, 'url'],
    ['a file url', { name: 'x', url: 'file:///etc/PULP_MANIFEST' }, 'url'],
    ['zero concurrency', { name: 'x', url: 'http://h/', download_concurrency: 0 }, 'download_concurrency'],
    ['bad headers', { name: 'x', url: 'http://h/', headers: [{ a: 1 }] }, 'headers'],
    ['proxy credentials in proxy_url (it is returned on read)', { name: 'x', url: 'http://h/', proxy_url: 'http://u:p@proxy:3128' }, 'proxy_url'],
    ['a duplicate name', { name: 'r1', url: 'http://h/' }, 'name'],
    ['an unknown field', { name: 'x', url: 'http://h/', colour: 'red' }, 'colour'],
  ];
  it.each(bad)('rejects %s with 400', async (_what, body, field) => {
    // Prepare
    const request = { method: 'POST', body };

    // Act
    const res = await stack.api(REMOTES, request);
    const json = (await res.json()) as Record<string, unknown>;

    // Assess
    expect(res.status, JSON.stringify(json)).toBe(400);
    expect(Object.keys(json)).toContain(field);
  });

  it('filters the list by name and labels, exactly', async () => {
    // Prepare
    await createRemote(stack, { name: 'r2', url: 'http://h/', pulp_labels: { env: 'dev' } });
    await createRemote(stack, { name: 'other', url: 'http://h/' });

    // Act
    const byName = await get(stack, `${REMOTES}?name=r1&offset=0&limit=1`);
    const byPrefix = await get(stack, `${REMOTES}?name__startswith=r&ordering=-name`);
    const byLabel = await get(stack, `${REMOTES}?pulp_label_select=env%3Ddev`);
    const withLabel = await get(stack, `${REMOTES}?pulp_label_select=env&fields=name`);

    // Assess
    expect(byName.count).toBe(1);
    expect(byName.results[0].name).toBe('r1');
    expect(byPrefix.results.map((r: { name: string }) => r.name)).toEqual(['r2', 'r1']);
    expect(byLabel.results.map((r: { name: string }) => r.name)).toEqual(['r2']);
    expect(withLabel.results).toEqual([{ name: 'r1' }, { name: 'r2' }]);
  });

  it('PATCH: 200 when nothing changes, 202 with an immediate task otherwise; DELETE: 202', async () => {
    // Prepare
    const remote = await createRemote(stack, { name: 'patchme', url: 'http://h/PULP_MANIFEST' });

    // Act
    const same = await stack.api(remote.pulp_href, { method: 'PATCH', body: { url: 'http://h/PULP_MANIFEST' } });
    const sameBody = (await same.json()) as Record<string, unknown>;
    const changed = await expectTask(await stack.api(remote.pulp_href, { method: 'PATCH', body: { policy: 'on_demand', proxy_url: '' } }), stack);
    const after = await get(stack, remote.pulp_href);
    const dup = await stack.api(remote.pulp_href, { method: 'PATCH', body: { name: 'r1' } });
    const deleted = await expectTask(await stack.api(remote.pulp_href, { method: 'DELETE' }), stack);
    const gone = await stack.api(remote.pulp_href);

    // Assess
    expect(same.status).toBe(200);
    expect(sameBody.pulp_href).toBe(remote.pulp_href);
    expect(changed.name).toBe('pulpcore.app.tasks.base.general_update');
    expect(changed.reserved_resources_record).toContain(remote.prn);
    expect(after.policy).toBe('on_demand');
    expect(dup.status).toBe(400);
    expect(deleted.name).toBe('pulpcore.app.tasks.base.general_delete');
    expect(gone.status).toBe(404);
  });

  it('filters tasks by the remote href', async () => {
    // Prepare
    const remote = await createRemote(stack, { name: 'tasked', url: 'http://h/' });
    await expectTask(await stack.api(remote.pulp_href, { method: 'PATCH', body: { url: 'http://h2/' } }), stack);

    // Act
    const tasks = await get(stack, `/pulp/api/v3/tasks/?reserved_resources=${encodeURIComponent(remote.pulp_href)}`);

    // Assess
    expect(tasks.count).toBe(1);
  });
});
