import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHref, createRepository, ensureFileUnits, get, json, modify, uploadContent } from '../../support/file-api';
import { expectTask } from '../../support/tasks';
import { startTestStack, type TestStack } from '../../support/test-stack';

const CONTENT = '/pulp/api/v3/content/file/files/';
const idOf = (href: string) => href.split('/')[7]!;

describe('repository versions and modify', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack('file-versions');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function unit(path: string): Promise<string> {
    return contentHref(await uploadContent(stack, path, randomBytes(32)));
  }

  it('numbers versions without gaps and makes none for a no-op change', async () => {
    // Prepare
    const repo = await createRepository(stack, 'numbering');
    const a = await unit('n/a');
    const b = await unit('n/b');
    // Act
    const t1 = await modify(stack, repo.pulp_href, { add_content_units: [a] });
    const noop = await modify(stack, repo.pulp_href, { add_content_units: [a] });
    const t2 = await modify(stack, repo.pulp_href, { add_content_units: [b], remove_content_units: [a] });
    // Assess
    expect(t1.created_resources).toEqual([`${repo.pulp_href}versions/1/`]);
    expect(noop.created_resources).toEqual([]);
    expect(t2.created_resources).toEqual([`${repo.pulp_href}versions/2/`]);
    const versions = await get(stack, `${repo.pulp_href}versions/`);
    expect(versions.results.map((v: any) => v.number)).toEqual([2, 1, 0]);
    expect((await get(stack, repo.pulp_href)).latest_version_href).toBe(`${repo.pulp_href}versions/2/`);
  });

  it('summarises added, removed and present content with filter hrefs', async () => {
    // Prepare
    const repo = await createRepository(stack, 'summary');
    const [a, b, c] = [await unit('s/a'), await unit('s/b'), await unit('s/c')];
    await modify(stack, repo.pulp_href, { add_content_units: [a, b] });
    // Act
    await modify(stack, repo.pulp_href, { add_content_units: [c], remove_content_units: [a] });
    const v2 = await get(stack, `${repo.pulp_href}versions/2/`);
    // Assess
    const ver = `${repo.pulp_href}versions/2/`;
    expect(v2.content_summary).toEqual({
      added: { 'file.file': { count: 1, href: `${CONTENT}?repository_version_added=${ver}` } },
      removed: { 'file.file': { count: 1, href: `${CONTENT}?repository_version_removed=${ver}` } },
      present: { 'file.file': { count: 2, href: `${CONTENT}?repository_version=${ver}` } },
    });
    expect(v2.base_version).toBe(`${repo.pulp_href}versions/1/`);
    for (const [filter, expected] of [
      ['repository_version_added', [c]],
      ['repository_version_removed', [a]],
      ['repository_version', [b, c].sort()],
    ] as const) {
      const page = await get(stack, `${CONTENT}?${filter}=${ver}`);
      expect(page.results.map((x: any) => x.pulp_href).sort(), filter).toEqual(expected);
    }
    const v0 = await get(stack, `${repo.pulp_href}versions/0/`);
    expect(v0.content_summary).toEqual({ added: {}, removed: {}, present: {} });
  });

  it('replaces an older unit at the same relative_path with the newly added one', async () => {
    // Prepare
    const repo = await createRepository(stack, 'replace');
    const old = await unit('same/path.txt');
    const fresh = await unit('same/path.txt');
    await modify(stack, repo.pulp_href, { add_content_units: [old] });
    // Act
    await modify(stack, repo.pulp_href, { add_content_units: [fresh] });
    // Assess
    const page = await get(stack, `${CONTENT}?repository_version=${repo.pulp_href}versions/2/`);
    expect(page.results.map((x: any) => x.pulp_href)).toEqual([fresh]);
  });

  it.each([
    ['two units at one path', ['dup/x', 'dup/x'], 'duplicate values for relative_path'],
    ['a path that is a directory of another', ['ov/a', 'ov/a/b'], 'overlap'],
  ])('fails the task for %s and leaves the repository unchanged', async (_label, paths, message) => {
    // Prepare
    const repo = await createRepository(stack, `bad-${paths[1]!.replace(/\//g, '-')}`);
    const keep = await unit(`keep/${paths[1]}`);
    await modify(stack, repo.pulp_href, { add_content_units: [keep] });
    const units = [await unit(paths[0]!), await unit(paths[1]!)];
    // Act
    const task = await modify(stack, repo.pulp_href, { add_content_units: units }, 'failed');
    // Assess
    expect(task.error.description).toContain(message);
    const after = await get(stack, repo.pulp_href);
    expect(after.latest_version_href).toBe(`${repo.pulp_href}versions/1/`);
    const page = await get(stack, `${CONTENT}?repository_version=${repo.pulp_href}versions/1/`);
    expect(page.results.map((x: any) => x.pulp_href)).toEqual([keep]);
  });

  it('refuses an overlap with content already in the repository', async () => {
    // Prepare
    const repo = await createRepository(stack, 'overlap-existing');
    await modify(stack, repo.pulp_href, { add_content_units: [await unit('tree')] });
    // Act
    const task = await modify(stack, repo.pulp_href, { add_content_units: [await unit('tree/leaf')] }, 'failed');
    // Assess
    expect(task.error.description).toContain('tree and tree/leaf');
    expect((await get(stack, `${repo.pulp_href}versions/`)).count).toBe(2);
  });

  it.each([
    ['a bad content href', { add_content_units: ['/pulp/api/v3/tasks/'] }, 'add_content_units'],
    ['a missing content unit', { add_content_units: [`${CONTENT}00000000-0000-0000-0000-000000000000/`] }, 'add_content_units'],
    ['a base version that does not exist', { base_version: '/pulp/api/v3/repositories/file/file/00000000-0000-0000-0000-000000000000/versions/0/' }, 'base_version'],
  ])('answers modify with %s by 400', async (_label, body, field) => {
    // Prepare
    const repo = await createRepository(stack, `modify-400-${field}-${Object.keys(body).length}-${JSON.stringify(body).length}`);
    // Act
    const res = await stack.api(`${repo.pulp_href}modify/`, { method: 'POST', body });
    // Assess
    expect(res.status).toBe(400);
    expect(Object.keys(await json(res))).toEqual([field]);
  });

  it('removes everything with "*" and builds from base_version', async () => {
    // Prepare
    const repo = await createRepository(stack, 'star-base');
    const [a, b] = [await unit('sb/a'), await unit('sb/b')];
    await modify(stack, repo.pulp_href, { add_content_units: [a] });
    await modify(stack, repo.pulp_href, { add_content_units: [b] });
    // Act
    await modify(stack, repo.pulp_href, { remove_content_units: ['*'] });
    await modify(stack, repo.pulp_href, { base_version: `${repo.pulp_href}versions/1/` });
    // Assess
    expect((await get(stack, `${repo.pulp_href}versions/3/`)).content_summary.present).toEqual({});
    const v4 = await get(stack, `${CONTENT}?repository_version=${repo.pulp_href}versions/4/`);
    expect(v4.results.map((x: any) => x.pulp_href)).toEqual([a]);
  });

  it('filters versions by number range and content', async () => {
    // Prepare
    const repo = await createRepository(stack, 'version-filters');
    const [a, b] = [await unit('vf/a'), await unit('vf/b')];
    await modify(stack, repo.pulp_href, { add_content_units: [a] });
    await modify(stack, repo.pulp_href, { add_content_units: [b] });
    await modify(stack, repo.pulp_href, { remove_content_units: [a] });
    // Act / Assess
    for (const [query, numbers] of [
      ['number=2', [2]],
      ['number__gte=1&number__lt=3', [2, 1]],
      ['number__range=1,2', [2, 1]],
      [`content=${a}`, [2, 1]],
      [`content__in=${a},${b}`, [3, 2, 1]],
      ['ordering=number', [0, 1, 2, 3]],
    ] as const) {
      const page = await get(stack, `${repo.pulp_href}versions/?${query}`);
      expect(page.results.map((v: any) => v.number), query).toEqual(numbers);
    }
  });

  it('deletes a version by squashing it into the next; refuses a served one', async () => {
    // Prepare
    const repo = await createRepository(stack, 'squash');
    const [a, b] = [await unit('sq/a'), await unit('sq/b')];
    await modify(stack, repo.pulp_href, { add_content_units: [a] });
    await modify(stack, repo.pulp_href, { add_content_units: [b] });
    // Act
    const task = await expectTask(await stack.api(`${repo.pulp_href}versions/1/`, { method: 'DELETE' }), stack);
    // Assess
    expect(task.name).toBe('pulpcore.app.tasks.repository.delete_version');
    expect((await stack.api(`${repo.pulp_href}versions/1/`)).status).toBe(404);
    const v2 = await get(stack, `${repo.pulp_href}versions/2/`);
    expect(v2.content_summary.added['file.file'].count).toBe(2);
    expect(v2.content_summary.present['file.file'].count).toBe(2);
    // A version a distribution serves through a publication cannot go.
    const pub = await expectTask(await stack.api('/pulp/api/v3/publications/file/file/', { method: 'POST', body: { repository_version: `${repo.pulp_href}versions/2/` } }), stack);
    await expectTask(
      await stack.api('/pulp/api/v3/distributions/file/file/', { method: 'POST', body: { name: 'squash-dist', base_path: 'squash', publication: pub.created_resources[0] } }),
      stack,
    );
    const refused = await stack.api(`${repo.pulp_href}versions/2/`, { method: 'DELETE' });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await json(refused))).toContain('distribute content');
  });

  it('keeps retain_repo_versions versions, sparing served ones', async () => {
    // Prepare
    const repo = await createRepository(stack, 'retention');
    const units = [await unit('r/1'), await unit('r/2'), await unit('r/3'), await unit('r/4')];
    await modify(stack, repo.pulp_href, { add_content_units: [units[0]] });
    await expectTask(
      await stack.api('/pulp/api/v3/distributions/file/file/', {
        method: 'POST',
        body: {
          name: 'retention-dist',
          base_path: 'retention',
          publication: (await expectTask(await stack.api('/pulp/api/v3/publications/file/file/', { method: 'POST', body: { repository_version: `${repo.pulp_href}versions/1/` } }), stack)).created_resources[0],
        },
      }),
      stack,
    );
    await expectTask(await stack.api(repo.pulp_href, { method: 'PATCH', body: { retain_repo_versions: 2 } }), stack);
    // Act
    for (const u of units.slice(1)) await modify(stack, repo.pulp_href, { add_content_units: [u] });
    // Assess
    const versions = await get(stack, `${repo.pulp_href}versions/`);
    expect(versions.results.map((v: any) => v.number)).toEqual([4, 3, 1]);
    expect((await get(stack, `${repo.pulp_href}versions/4/`)).content_summary.present['file.file'].count).toBe(4);
  });

  it('pages the 10,000 units of a version exactly once each', async () => {
    // Prepare: a bulk path through the domain services, as sync uses it.
    const repo = await createRepository(stack, 'ten-thousand');
    const units = await ensureFileUnits(
      stack.app,
      Array.from({ length: 10_000 }, (_, i) => ({
        relativePath: `bulk/${String(i).padStart(5, '0')}.bin`,
        sha256: randomBytes(32).toString('hex'),
        size: i,
        artifactId: null,
      })),
    );
    const version = await stack.app.services.versions.create(idOf(repo.pulp_href), { add: units.map((u) => u.id) });
    expect(version?.number).toBe(1);
    // Act
    const seen = new Set<string>();
    const counts = new Set<number>();
    for (let offset = 0; offset < 10_000; offset += 1000) {
      const page = await get(stack, `${CONTENT}?repository_version=${repo.pulp_href}versions/1/&limit=1000&offset=${offset}&fields=pulp_href`);
      counts.add(page.count);
      for (const r of page.results) seen.add(r.pulp_href);
    }
    const beyond = await get(stack, `${CONTENT}?repository_version=${repo.pulp_href}versions/1/&limit=1000&offset=10000`);
    // Assess
    expect([...counts]).toEqual([10_000]);
    expect(seen.size).toBe(10_000);
    expect(beyond.results).toEqual([]);
    expect(beyond.next).toBeNull();
    expect((await get(stack, `${repo.pulp_href}versions/1/`)).content_summary.present['file.file'].count).toBe(10_000);
  });
});
