import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pulpCliFor, type PulpCli } from '../../support/pulp-cli';
import { randomFile } from '../../support/random-file';
import { startTestStack, type TestStack } from '../../support/test-stack';

const HREF = /^\/pulp\/api\/v3\/[a-z0-9/_-]+\/[0-9a-f-]{36}\/$/;
const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

describe('pulp-cli file remotes, repositories, labels, versions and repository content', () => {
  let stack: TestStack;
  let cli: PulpCli;

  beforeAll(async () => {
    stack = await startTestStack('e2e-cli-file-repos', { workers: 2 });
    cli = await pulpCliFor(stack);
  });

  afterAll(async () => {
    await cli?.close();
    await stack?.stop();
  });

  it('file remote create / show / list / update / destroy', async () => {
    // Prepare
    const name = unique('remote');
    const url = 'http://127.0.0.1:9/files/PULP_MANIFEST';

    // Act
    const created = await cli.json(['file', 'remote', 'create', '--name', name, '--url', url, '--policy', 'on_demand', '--proxy-url', 'http://127.0.0.1:3128']);
    const shown = await cli.json(['file', 'remote', 'show', '--name', name]);
    const listed = await cli.json(['file', 'remote', 'list', '--name', name]);
    const updated = await cli.run(['file', 'remote', 'update', '--name', name, '--proxy-url', '', '--url', `${url}?v=2`]);
    const afterUpdate = await cli.json(['file', 'remote', 'show', '--name', name]);
    const destroyed = await cli.run(['file', 'remote', 'destroy', '--name', name]);
    const gone = await cli.fails(['file', 'remote', 'show', '--name', name]);

    // Assess
    expect(created).toMatchObject({ name, url, policy: 'on_demand', proxy_url: 'http://127.0.0.1:3128', pulp_href: expect.stringMatching(HREF) });
    expect(shown.pulp_href).toBe(created.pulp_href);
    expect(listed.map((r: any) => r.pulp_href)).toEqual([created.pulp_href]);
    expect(updated.code, updated.stderr).toBe(0);
    expect(afterUpdate).toMatchObject({ url: `${url}?v=2`, proxy_url: null });
    expect(destroyed.code, destroyed.stderr).toBe(0);
    expect(gone.stderr).toMatch(/could not find/i);
  });

  it('file remote create refuses a bad policy before sending, and the server refuses a missing url', async () => {
    // Prepare
    const name = unique('remote-bad');

    // Act
    const badPolicy = await cli.fails(['file', 'remote', 'create', '--name', name, '--url', 'http://127.0.0.1:9/', '--policy', 'sometimes']);
    const noUrl = await cli.fails(['file', 'remote', 'create', '--name', name]);

    // Assess
    expect(badPolicy.stderr).toMatch(/sometimes/);
    expect(noUrl.stderr).toMatch(/url/i);
  });

  it('file repository create / show / list / update ("" clears) / destroy', async () => {
    // Prepare
    const name = unique('repo');
    const remote = await cli.json(['file', 'remote', 'create', '--name', unique('repo-remote'), '--url', 'http://127.0.0.1:9/PULP_MANIFEST']);

    // Act
    const created = await cli.json(['file', 'repository', 'create', '--name', name, '--description', 'first', '--remote', remote.name, '--retain-repo-versions', '3']);
    const shown = await cli.json(['file', 'repository', 'show', '--name', name]);
    const listed = await cli.json(['file', 'repository', 'list', '--name-startswith', name]);
    const updated = await cli.run(['file', 'repository', 'update', '--name', name, '--description', '', '--retain-repo-versions', '', '--remote', '']);
    const afterUpdate = await cli.json(['file', 'repository', 'show', '--name', name]);
    const destroyed = await cli.run(['file', 'repository', 'destroy', '--name', name]);
    const afterDestroy = await cli.json(['file', 'repository', 'list', '--name-startswith', name]);

    // Assess
    expect(created).toMatchObject({
      name,
      description: 'first',
      remote: remote.pulp_href,
      retain_repo_versions: 3,
      versions_href: `${created.pulp_href}versions/`,
      latest_version_href: `${created.pulp_href}versions/0/`,
    });
    expect(shown.pulp_href).toBe(created.pulp_href);
    expect(listed.map((r: any) => r.pulp_href)).toEqual([created.pulp_href]);
    expect(updated.code, updated.stderr).toBe(0);
    expect(afterUpdate).toMatchObject({ description: null, retain_repo_versions: null, remote: null });
    expect(destroyed.code, destroyed.stderr).toBe(0);
    expect(afterDestroy).toEqual([]);
  });

  it('file repository label set / unset', async () => {
    // Prepare
    const name = unique('labels');
    await cli.json(['file', 'repository', 'create', '--name', name]);

    // Act
    const set = await cli.run(['file', 'repository', 'label', 'set', '--repository', name, '--key', 'env', '--value', 'test']);
    const withLabel = await cli.json(['file', 'repository', 'show', '--name', name]);
    const selected = await cli.json(['file', 'repository', 'list', '--label-select', 'env=test']);
    const unset = await cli.run(['file', 'repository', 'label', 'unset', '--repository', name, '--key', 'env']);
    const withoutLabel = await cli.json(['file', 'repository', 'show', '--name', name]);

    // Assess
    expect(set.code, set.stderr).toBe(0);
    expect(withLabel.pulp_labels).toEqual({ env: 'test' });
    expect(selected.map((r: any) => r.name)).toContain(name);
    expect(unset.code, unset.stderr).toBe(0);
    expect(withoutLabel.pulp_labels).toEqual({});
  });

  it('repository content add / list / remove / modify make versions; version list / show / repair / destroy', async () => {
    // Prepare: two content units uploaded without a repository
    const name = unique('content');
    await cli.json(['file', 'repository', 'create', '--name', name]);
    const a = await randomFile(cli.dir, 'a.bin', 2048);
    const b = await randomFile(cli.dir, 'b.bin', 1024);
    const ua = await cli.run(['file', 'content', 'upload', '--file', a.path, '--relative-path', 'dir/a.bin']);
    const ub = await cli.run(['file', 'content', 'upload', '--file', b.path, '--relative-path', 'b.bin']);
    expect([ua.code, ub.code], ua.stderr + ub.stderr).toEqual([0, 0]);

    // Act
    const add = await cli.run(['file', 'repository', 'content', 'add', '--repository', name, '--sha256', a.sha256, '--relative-path', 'dir/a.bin']);
    const inV1 = await cli.json(['file', 'repository', 'content', 'list', '--repository', name]);
    const modify = await cli.run(['file', 'repository', 'content', 'modify', '--repository', name, '--add-content', JSON.stringify([{ sha256: b.sha256, relative_path: 'b.bin' }])]);
    const inV2 = await cli.json(['file', 'repository', 'content', 'list', '--repository', name]);
    const remove = await cli.run(['file', 'repository', 'content', 'remove', '--repository', name, '--sha256', a.sha256, '--relative-path', 'dir/a.bin']);
    const inV3 = await cli.json(['file', 'repository', 'content', 'list', '--repository', name]);
    const inV1Again = await cli.json(['file', 'repository', 'content', 'list', '--repository', name, '--version', '1']);
    const versions = await cli.json(['file', 'repository', 'version', 'list', '--repository', name]);
    const v2 = await cli.json(['file', 'repository', 'version', 'show', '--repository', name, '--version', '2']);
    const repair = await cli.run(['file', 'repository', 'version', 'repair', '--repository', name, '--version', '2']);
    const destroy = await cli.run(['file', 'repository', 'version', 'destroy', '--repository', name, '--version', '1']);
    const versionsAfter = await cli.json(['file', 'repository', 'version', 'list', '--repository', name]);
    const tasks = await cli.json(['file', 'repository', 'task', 'list', '--repository', name]);

    // Assess
    for (const r of [add, modify, remove, repair, destroy]) expect(r.code, r.stderr).toBe(0);
    expect(inV1.map((c: any) => c.relative_path)).toEqual(['dir/a.bin']);
    expect(inV2.map((c: any) => c.relative_path).sort()).toEqual(['b.bin', 'dir/a.bin']);
    expect(inV3.map((c: any) => c.relative_path)).toEqual(['b.bin']);
    expect(inV1Again.map((c: any) => c.sha256)).toEqual([a.sha256]);
    expect(versions.map((v: any) => v.number)).toEqual([3, 2, 1, 0]);
    expect(v2.content_summary.present['file.file'].count).toBe(2);
    expect(versionsAfter.map((v: any) => v.number)).toEqual([3, 2, 0]);
    expect(tasks.map((t: any) => t.name)).toEqual(expect.arrayContaining(['pulpcore.app.tasks.repository.add_and_remove']));
  });

  it('pulp --cid X records X as the logging_cid of the task a destroy dispatched', async () => {
    // Prepare
    const name = unique('cid');
    const repo = await cli.json(['file', 'repository', 'create', '--name', name]);
    const cid = randomUUID();

    // Act
    const destroyed = await cli.run(['--cid', cid, 'file', 'repository', 'destroy', '--name', name]);
    const tasks = await cli.json(['task', 'list', '--cid', cid]);

    // Assess
    expect(destroyed.code, destroyed.stderr).toBe(0);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ logging_cid: cid, state: 'completed', name: 'pulpcore.app.tasks.base.general_delete' });
    expect(tasks[0].reserved_resources_record.join(' ')).toContain(repo.prn);
  });

  it('generic lists (repository, remote, distribution, publication, content, repository version) and --field selection', async () => {
    // Prepare
    const name = unique('generic');
    const repo = await cli.json(['file', 'repository', 'create', '--name', name]);

    // Act
    const repositories = await cli.json(['repository', 'list', '--name', name]);
    const selected = await cli.json(['file', 'repository', 'list', '--name-startswith', name, '--field', 'name', '--field', 'pulp_href']);
    const others = await Promise.all(
      [['remote', 'list'], ['distribution', 'list'], ['publication', 'list'], ['content', 'list'], ['repository', 'version', 'list']].map((args) => cli.run(args)),
    );

    // Assess
    expect(repositories.map((r: any) => r.pulp_href)).toEqual([repo.pulp_href]);
    expect(selected).toEqual([{ name, pulp_href: repo.pulp_href }]);
    for (const r of others) expect(r.code, r.stderr).toBe(0);
  });
});

