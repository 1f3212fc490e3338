import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactKey } from '../../../layers/core/storage/blob-store';
import { PgDeliveryReader } from '../../../layers/adapters/postgres/stores/delivery-store';
import { CachedDeliveryReader } from '../../../layers/content/cached-delivery-reader';
import type { Resolved, ServedSource } from '../../../layers/core/ports/delivery-reader';

/** What a resolved distribution serves (a publication, for file distributions). */
const published = (resolved: Resolved | undefined): ServedSource => resolved!.source!;
/** A publication by its href, as a served source (its version does not matter to metadata lookups). */
const publicationSource = (href: string): ServedSource => ({
  kind: 'publication',
  publicationId: href.split('/')[7]!,
  passThrough: true,
  version: { id: '', repositoryId: '', number: 0 },
});
const publicationIdOf = (resolved: Resolved | undefined): string | undefined =>
  resolved?.source?.kind === 'publication' ? resolved.source.publicationId : undefined;
import { contentHref, createRepository, get, json, modify, sha256, uploadContent } from '../../support/file-api';
import { expectTask } from '../../support/tasks';
import { startTestStack, type TestStack } from '../../support/test-stack';

const PUBS = '/pulp/api/v3/publications/file/file/';
const DISTS = '/pulp/api/v3/distributions/file/file/';

async function readAll(stream: AsyncIterable<unknown>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const p of stream) parts.push(p as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

describe('publications, distributions and orphan cleanup', () => {
  let stack: TestStack;
  let repo: Record<string, any>;
  const files = { 'a.txt': randomBytes(11), 'dir/b,with,commas.txt': randomBytes(22) };

  beforeAll(async () => {
    stack = await startTestStack('file-publish');
    repo = await createRepository(stack, 'published');
    for (const [path, data] of Object.entries(files)) await uploadContent(stack, path, data, repo.pulp_href);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function publish(body: Record<string, unknown>): Promise<Record<string, any>> {
    const task = await expectTask(await stack.api(PUBS, { method: 'POST', body }), stack);
    return get(stack, task.created_resources[0]);
  }

  async function distribute(body: Record<string, unknown>): Promise<Record<string, any>> {
    const task = await expectTask(await stack.api(DISTS, { method: 'POST', body }), stack);
    expect(task.reserved_resources_record[0]).toBe('pdrn:default:distribution.base_path');
    return get(stack, task.created_resources[0]);
  }

  it('publishes the latest version with a PULP_MANIFEST in S3', async () => {
    // Act
    const pub = await publish({ repository: repo.pulp_href });
    // Assess
    expect(pub).toMatchObject({ repository: repo.pulp_href, repository_version: `${repo.pulp_href}versions/2/`, manifest: 'PULP_MANIFEST', distributions: [] });
    const delivery = stack.app.services.delivery;
    const manifest = await delivery.findFile(publicationSource(pub.pulp_href), 'PULP_MANIFEST');
    expect(manifest?.kind).toBe('metadata');
    const text = await readAll(await stack.app.blobs.get((manifest as { storageKey: string }).storageKey));
    expect(text).toBe(`a.txt,${sha256(files['a.txt'])},11\ndir/b,with,commas.txt,${sha256(files['dir/b,with,commas.txt'])},22\n`);
  });

  it.each([
    ['neither repository nor version', {}],
    ['both', { repository: '/pulp/api/v3/repositories/file/file/00000000-0000-0000-0000-000000000000/', repository_version: '/pulp/api/v3/repositories/file/file/00000000-0000-0000-0000-000000000000/versions/0/' }],
    ['a missing repository', { repository: '/pulp/api/v3/repositories/file/file/00000000-0000-0000-0000-000000000000/' }],
  ])('refuses a publication with %s (400)', async (_label, body) => {
    // Act
    const res = await stack.api(PUBS, { method: 'POST', body });
    // Assess
    expect(res.status).toBe(400);
  });

  it('lists publications by repository and version and deletes with 204', async () => {
    // Prepare
    const pub = await publish({ repository_version: `${repo.pulp_href}versions/1/` });
    // Act
    const byVersion = await get(stack, `${PUBS}?repository_version=${repo.pulp_href}versions/1/`);
    const byRepo = await get(stack, `${PUBS}?repository=${repo.pulp_href}`);
    const generic = await get(stack, `/pulp/api/v3/publications/?repository=${repo.pulp_href}`);
    const del = await stack.api(pub.pulp_href, { method: 'DELETE' });
    // Assess
    expect(byVersion.results.map((p: any) => p.pulp_href)).toEqual([pub.pulp_href]);
    expect(byRepo.count).toBeGreaterThanOrEqual(2);
    expect(generic.count).toBe(byRepo.count);
    expect(del.status).toBe(204);
    expect((await stack.api(pub.pulp_href)).status).toBe(404);
  });

  it('creates a distribution, resolves paths through it and shows base_url', async () => {
    // Prepare
    const pub = await publish({ repository: repo.pulp_href });
    // Act
    const dist = await distribute({ name: 'dist-pub', base_path: 'releases/stable', publication: pub.pulp_href });
    // Assess
    expect(dist).toMatchObject({ base_path: 'releases/stable', publication: pub.pulp_href, repository: null, hidden: false, content_guard: null });
    expect(dist.base_url).toBe(`${stack.url}/pulp/content/releases/stable/`);
    expect(dist.no_content_change_since).toBe(pub.pulp_created);
    expect((await get(stack, pub.pulp_href)).distributions).toEqual([dist.pulp_href]);
    const delivery = stack.app.services.delivery;
    const resolved = await delivery.resolve('releases/stable/dir/b,with,commas.txt');
    expect(resolved?.distribution.name).toBe('dist-pub');
    expect(resolved?.relativePath).toBe('dir/b,with,commas.txt');
    const file = await delivery.findFile(published(resolved), resolved!.relativePath);
    expect(file).toMatchObject({ kind: 'artifact', sha256: sha256(files['dir/b,with,commas.txt']), size: 22 });
    const root = await delivery.listDirectory(published(resolved), '');
    expect(root.map((e) => `${e.name}${e.isDirectory ? '/' : ''}`)).toEqual(['dir/', 'PULP_MANIFEST', 'a.txt']);
  });

  it('serves the latest publication of a distribution\'s repository', async () => {
    // Prepare
    const other = await createRepository(stack, 'by-repo');
    await uploadContent(stack, 'x.bin', randomBytes(5), other.pulp_href);
    await distribute({ name: 'dist-repo', base_path: 'by-repo', repository: other.pulp_href });
    const delivery = stack.app.services.delivery;
    const before = await delivery.resolve('by-repo/x.bin');
    // Act
    const pub = await publish({ repository: other.pulp_href });
    const after = await delivery.resolve('by-repo/x.bin');
    // Assess
    expect(before?.source).toBeNull();
    expect(publicationIdOf(after)).toBe(pub.pulp_href.split('/')[7]);
  });

  it('serves the latest publication of a distribution\'s repository version, and follows a repointed distribution at once', async () => {
    // Prepare
    const other = await createRepository(stack, 'by-version');
    await uploadContent(stack, 'v.bin', randomBytes(7), other.pulp_href);
    const version = `${other.pulp_href}versions/1/`;
    const older = await publish({ repository_version: version });
    const newer = await publish({ repository_version: version });
    // pulp_file's API has no repository_version on distributions; the model does.
    const dist = await distribute({ name: 'dist-version', base_path: 'by-version', repository: other.pulp_href });
    const { data } = stack.app;
    const delivery = stack.app.services.delivery;
    const versionId = (await data.versions.get(other.pulp_href.split('/')[7], 1))!.id;
    await data.distributions.update(dist.pulp_href.split('/')[7], { repositoryId: null, repositoryVersionId: versionId });
    const byVersion = await delivery.resolve('by-version/v.bin');
    // Act
    await data.distributions.update(dist.pulp_href.split('/')[7], { repositoryVersionId: null, publicationId: older.pulp_href.split('/')[7] });
    const repointed = await delivery.resolve('by-version/v.bin');
    // Assess
    expect(publicationIdOf(byVersion)).toBe(newer.pulp_href.split('/')[7]);
    expect(byVersion?.source).toMatchObject({ passThrough: true, version: { repositoryId: other.pulp_href.split('/')[7], number: 1 } });
    expect(byVersion?.distribution).toMatchObject({ name: 'dist-version', basePath: 'by-version', repositoryVersionId: versionId, publicationId: null });
    expect(publicationIdOf(repointed)).toBe(older.pulp_href.split('/')[7]);
    expect(repointed?.relativePath).toBe('v.bin');
  });

  it('answers a stored file with one query once its publication\'s lookup is cached', async () => {
    // Prepare
    const pub = await publish({ repository: repo.pulp_href });
    await distribute({ name: 'dist-count', base_path: 'count/me', publication: pub.pulp_href });
    let queries = 0;
    const counting = {
      query: ((text: string, params?: unknown[]) => {
        queries++;
        return stack.app.db.query(text, params);
      }) as typeof stack.app.db.query,
    };
    const reader = new CachedDeliveryReader(new PgDeliveryReader(counting, () => 'publication'));
    const first = await reader.resolve('count/me/a.txt');
    await reader.findFile(published(first), first!.relativePath);
    queries = 0;
    // Act
    const resolved = await reader.resolve('count/me/a.txt');
    const file = await reader.findFile(published(resolved), resolved!.relativePath);
    const manifest = await reader.findFile(published(resolved), 'PULP_MANIFEST');
    // Assess
    expect(file).toMatchObject({ kind: 'artifact', sha256: sha256(files['a.txt']), size: 11 });
    expect(manifest).toMatchObject({ kind: 'metadata', relativePath: 'PULP_MANIFEST' });
    expect(queries).toBe(2); // the resolve (always fresh) and the first manifest lookup
  });

  it.each([
    ['an equal base_path', { name: 'd-eq', base_path: 'releases/stable' }, 'base_path'],
    ['a nested base_path', { name: 'd-nest', base_path: 'releases/stable/more' }, 'base_path'],
    ['an enclosing base_path', { name: 'd-encl', base_path: 'releases' }, 'base_path'],
    ['a duplicate name', { name: 'dist-pub', base_path: 'elsewhere' }, 'name'],
    ['a leading slash', { name: 'd-slash', base_path: '/abs' }, 'base_path'],
    ['a publication and a repository', { name: 'd-both', base_path: 'both', repository: 'REPO', publication: 'PUB' }, 'non_field_errors'],
    ['a content guard that does not exist', { name: 'd-guard', base_path: 'guard', content_guard: '/pulp/api/v3/contentguards/core/rbac/00000000-0000-0000-0000-000000000000/' }, 'content_guard'],
  ])('refuses a distribution with %s (400)', async (_label, body, field) => {
    // Prepare
    const pubs = await get(stack, `${PUBS}?repository=${repo.pulp_href}&limit=1`);
    const resolvedBody = JSON.parse(JSON.stringify(body).replace('"REPO"', JSON.stringify(repo.pulp_href)).replace('"PUB"', JSON.stringify(pubs.results[0].pulp_href)));
    // Act
    const res = await stack.api(DISTS, { method: 'POST', body: resolvedBody });
    // Assess
    const errors = await json(res);
    expect(res.status, JSON.stringify(errors)).toBe(400);
    expect(Object.keys(errors)).toContain(field);
  });

  it('updates a distribution (200 if unchanged, else a task), filters it and deletes it', async () => {
    // Prepare
    const dist = await distribute({ name: 'dist-upd', base_path: 'upd/one', repository: repo.pulp_href });
    // Act
    const same = await stack.api(dist.pulp_href, { method: 'PATCH', body: { base_path: 'upd/one' } });
    const task = await expectTask(await stack.api(dist.pulp_href, { method: 'PATCH', body: { base_path: 'upd/two', repository: null, hidden: true } }), stack);
    const byPath = await get(stack, `${DISTS}?base_path=upd/two`);
    const contains = await get(stack, `${DISTS}?base_path__icontains=UPD`);
    const byRepo = await get(stack, `/pulp/api/v3/distributions/?repository=${repo.pulp_href}&name=dist-upd`);
    const del = await expectTask(await stack.api(dist.pulp_href, { method: 'DELETE' }), stack);
    // Assess
    expect(same.status).toBe(200);
    expect(task.reserved_resources_record).toContain('pdrn:default:distribution.base_path');
    expect(byPath.results[0]).toMatchObject({ name: 'dist-upd', hidden: true, repository: null });
    expect(contains.count).toBe(1);
    expect(byRepo.count).toBe(0);
    expect(del.name).toBe('pulpcore.app.tasks.base.general_delete');
    expect((await stack.api(dist.pulp_href)).status).toBe(404);
    expect((await stack.app.services.delivery.listBasePaths()).map((b) => b.basePath)).not.toContain('upd/two');
  });

  it('cleans up orphan content and artifacts (S3 too), sparing content in versions', async () => {
    // Prepare
    const orphanData = randomBytes(9);
    const orphan = contentHref(await uploadContent(stack, 'orphan.bin', orphanData));
    const kept = await get(stack, `/pulp/api/v3/content/file/files/?relative_path=a.txt`);
    // Act
    const protectedRun = await expectTask(await stack.api('/pulp/api/v3/orphans/cleanup/', { method: 'POST', body: {} }), stack);
    const stillThere = (await stack.api(orphan)).status;
    const run = await expectTask(await stack.api('/pulp/api/v3/orphans/cleanup/', { method: 'POST', body: { orphan_protection_time: 0 } }), stack);
    // Assess
    expect(protectedRun.reserved_resources_record[0]).toBe('pdrn:default:orphans');
    expect(stillThere).toBe(200);
    expect(run.state).toBe('completed');
    expect((await stack.api(orphan)).status).toBe(404);
    expect(await stack.app.blobs.exists(artifactKey(sha256(orphanData)))).toBe(false);
    expect((await stack.api(kept.results[0].pulp_href)).status).toBe(200);
    expect(await stack.app.blobs.exists(artifactKey(sha256(files['a.txt'])))).toBe(true);
  });

  it('repairs a version: reports an artifact whose bytes are gone', async () => {
    // Prepare
    const victim = await createRepository(stack, 'repair');
    const data = randomBytes(13);
    await uploadContent(stack, 'r.bin', data, victim.pulp_href);
    await stack.app.blobs.delete(artifactKey(sha256(data)));
    // Act
    const task = await expectTask(await stack.api(`${victim.pulp_href}versions/1/repair/`, { method: 'POST', body: {} }), stack);
    // Assess
    expect(task.name).toBe('pulpcore.app.tasks.repository.repair_version');
    expect(task.progress_reports.find((r: any) => r.code === 'repair.missing')?.total).toBe(1);
  });

  it('autopublishes each new version when the repository asks for it', async () => {
    // Prepare
    const auto = await createRepository(stack, 'auto', { autopublish: true });
    // Act
    await uploadContent(stack, 'auto.bin', randomBytes(4), auto.pulp_href);
    await modify(stack, auto.pulp_href, { remove_content_units: ['*'] });
    // Assess
    const pubs = await get(stack, `${PUBS}?repository=${auto.pulp_href}&ordering=pulp_created`);
    expect(pubs.results.map((p: any) => p.repository_version)).toEqual([`${auto.pulp_href}versions/1/`, `${auto.pulp_href}versions/2/`]);
  });
});
