import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHref, createRemote, createRepository, get, json, modify, sync, uploadContent } from '../../support/file-api';
import { startTestStack, type TestStack } from '../../support/test-stack';
import { Upstream } from '../file/support/upstream';

const API = '/pulp/api/v3/';
const CONTENT = `${API}content/file/files/`;
const idOf = (href: string) => href.split('/').filter(Boolean).at(-1)!;

/** Generic API behaviours Pulp's own client tests rely on, each reproduced through HTTP. */
describe('generic Pulp API behaviours', () => {
  let stack: TestStack;
  const upstream = new Upstream();

  beforeAll(async () => {
    stack = await startTestStack('pulp-behaviours');
    upstream.add('one.txt');
    upstream.add('two.txt');
    await upstream.start();
  });

  afterAll(async () => {
    await upstream.stop();
    await stack?.stop();
  });

  it("modify takes a base_version of another repository's version (of the same type)", async () => {
    // Prepare
    const source = await createRepository(stack, 'base-source');
    const unit = contentHref(await uploadContent(stack, 'shared.bin', randomBytes(9), source.pulp_href));
    const target = await createRepository(stack, 'base-target');

    // Act
    const task = await modify(stack, target.pulp_href, { base_version: `${source.pulp_href}versions/1/` });

    // Assess
    expect(task.created_resources).toEqual([`${target.pulp_href}versions/1/`]);
    const version = await get(stack, `${target.pulp_href}versions/1/`);
    expect(version.base_version).toBe(`${source.pulp_href}versions/1/`);
    const present = await get(stack, `${CONTENT}?repository_version=${target.pulp_href}versions/1/`);
    expect(present.results.map((r: any) => r.pulp_href)).toEqual([unit]);
  });

  it('accepts PRNs wherever a version href is taken: content filters and publication filters', async () => {
    // Prepare
    const repo = await createRepository(stack, 'prn-filters');
    const first = contentHref(await uploadContent(stack, 'p1.bin', randomBytes(5), repo.pulp_href));
    const second = contentHref(await uploadContent(stack, 'p2.bin', randomBytes(6), repo.pulp_href));
    await modify(stack, repo.pulp_href, { remove_content_units: [first] });
    const v2 = await get(stack, `${repo.pulp_href}versions/2/`);
    const v3 = await get(stack, `${repo.pulp_href}versions/3/`);
    const pubTask = await json(await stack.api(`${API}publications/file/file/`, { method: "POST", body: { repository_version: v2.prn } }));

    // Act
    const inV2 = await get(stack, `${CONTENT}?repository_version=${v2.prn}`);
    const addedV2 = await get(stack, `${CONTENT}?repository_version_added=${v2.prn}`);
    const removedV3 = await get(stack, `${CONTENT}?repository_version_removed=${v3.prn}`);
    const generic = await get(stack, `${API}content/?repository_version=${v2.prn}`);
    await expect.poll(async () => (await get(stack, pubTask.task)).state, { timeout: 30_000 }).toBe('completed');
    const pubs = await get(stack, `${API}publications/file/file/?repository_version=${v2.prn}`);

    // Assess
    expect(v2.prn).toMatch(/^prn:core\.repositoryversion:[0-9a-f-]{36}$/);
    expect(inV2.results.map((r: any) => r.pulp_href).sort()).toEqual([first, second].sort());
    expect(addedV2.results.map((r: any) => r.pulp_href)).toEqual([second]);
    expect(removedV3.results.map((r: any) => r.pulp_href)).toEqual([first]);
    expect(generic.count).toBe(2);
    expect(pubs.count).toBe(1);
    expect(pubs.results[0].repository_version).toBe(`${repo.pulp_href}versions/2/`);
  });

  it("a sync with autopublish lists the publication it made in created_resources", async () => {
    // Prepare
    const remote = await createRemote(stack, { name: 'auto-up', url: upstream.manifestUrl });
    const repo = await createRepository(stack, { name: 'auto', remote: remote.pulp_href, autopublish: true });

    // Act
    const task = await sync(stack, repo.pulp_href);

    // Assess
    expect(task.created_resources).toEqual([`${repo.pulp_href}versions/1/`, expect.stringMatching(/^\/pulp\/api\/v3\/publications\/file\/file\/[0-9a-f-]{36}\/$/)]);
    expect(task.created_resource_prns).toEqual([expect.stringMatching(/^prn:core\.repositoryversion:/), expect.stringMatching(/^prn:file\.filepublication:/)]);
    const publication = await get(stack, task.created_resources[1]);
    expect(publication.repository_version).toBe(`${repo.pulp_href}versions/1/`);
  });

  it('finds a task by a created resource given as a PRN, as by its href', async () => {
    // Prepare
    const repo = await createRepository(stack, 'created-by-prn');
    const task = await uploadContent(stack, 'c.bin', randomBytes(7), repo.pulp_href);
    const version = await get(stack, task.created_resources[0]);
    const unit = await get(stack, contentHref(task));

    // Act
    const byVersionPrn = await get(stack, `${API}tasks/?created_resources=${version.prn}`);
    const byContentPrn = await get(stack, `${API}tasks/?created_resources=${unit.prn}`);
    const byHref = await get(stack, `${API}tasks/?created_resources=${unit.pulp_href}`);

    // Assess
    for (const found of [byVersionPrn, byContentPrn, byHref]) expect(found.results.map((t: any) => t.pulp_href)).toEqual([task.pulp_href]);
  });

  it("workers take Pulp's filters: name variants, heartbeat ranges, online and missing", async () => {
    // Prepare
    const all = await get(stack, `${API}workers/`);
    const worker = all.results[0];
    const doc = await get(stack, `${API}docs/api.json`);
    const declared = (doc.paths[`${API}workers/`].get.parameters as Array<{ name: string }>).map((p) => p.name);

    // Act
    const byContains = await get(stack, `${API}workers/?name__contains=${encodeURIComponent(worker.name.slice(1, -1))}`);
    const byIn = await get(stack, `${API}workers/?name__in=${encodeURIComponent(worker.name)},nobody`);
    const online = await get(stack, `${API}workers/?online=true`);
    const missing = await get(stack, `${API}workers/?missing=true`);
    const recent = await get(stack, `${API}workers/?last_heartbeat__gt=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}`);
    const future = await get(stack, `${API}workers/?last_heartbeat__gt=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`);

    // Assess
    expect(declared).toEqual(expect.arrayContaining(['name', 'name__contains', 'name__icontains', 'name__in', 'last_heartbeat__lt', 'last_heartbeat__gt', 'online', 'missing']));
    expect(byContains.results.map((w: any) => w.name)).toContain(worker.name);
    expect(byIn.count).toBe(1);
    expect(online.count).toBe(all.count);
    expect(missing.count).toBe(0);
    expect(recent.count).toBe(all.count);
    expect(future.count).toBe(0);
  });

  it('keeps PRN and href lookups of typed objects consistent', async () => {
    // Prepare
    const repo = await createRepository(stack, 'prn-lookup');
    // Act
    const byPrn = await json(await stack.api(`${API}repositories/file/file/?prn__in=${repo.prn}`));
    const byHref = await json(await stack.api(`${API}repositories/?pulp_href__in=${repo.pulp_href}`));
    // Assess
    expect(repo.prn).toBe(`prn:file.filerepository:${idOf(repo.pulp_href)}`);
    expect(byPrn.results.map((r: any) => r.name)).toEqual(['prn-lookup']);
    expect(byHref.results.map((r: any) => r.name)).toEqual(['prn-lookup']);
  });
});
