import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installedPlugins } from '../../../layers/plugins';
import { catalogPlugin } from '../../plugins/catalog/plugin';
import { get, json, sendMultipart } from '../../support/file-api';
import { expectTask } from '../../support/tasks';
import { startTestStack, type TestStack } from '../../support/test-stack';

const API = '/pulp/api/v3/';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** An upstream catalog: a JSON list and the items it names, counting requests per path. */
async function startUpstream(items: Array<{ name: string; version: number; data: Buffer }>) {
  const hits = new Map<string, number>();
  const listing = items.map((i) => ({ name: i.name, version: i.version, path: `blobs/${i.name}-${i.version}`, sha256: sha256(i.data), size: i.data.length }));
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').slice(1);
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path === 'catalog.json') return void res.end(JSON.stringify(listing));
    const item = items.find((i) => path === `blobs/${i.name}-${i.version}`);
    if (!item) return void res.writeHead(404).end();
    res.end(item.data);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/catalog.json`;
  return { url, hits, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('a second content type from a test-only plugin, through core alone', () => {
  let stack: TestStack;
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  const items = [
    { name: 'alpha', version: 1, data: randomBytes(300) },
    { name: 'beta', version: 2, data: randomBytes(500) },
  ];

  beforeAll(async () => {
    stack = await startTestStack('catalog-plugin', { plugins: [...installedPlugins, catalogPlugin] });
    upstream = await startUpstream(items);
  });

  afterAll(async () => {
    await upstream?.stop();
    await stack?.stop();
  });

  async function create(path: string, body: Record<string, unknown>): Promise<Record<string, any>> {
    const res = await stack.api(`${API}${path}`, { method: 'POST', body });
    const out = await json(res);
    expect(res.status, JSON.stringify(out)).toBe(201);
    return out;
  }

  it('lists the plugin in status/ and its endpoints in the OpenAPI document, with pulp-cli style names', async () => {
    // Act
    const status = await get(stack, `${API}status/`);
    const doc = await get(stack, `${API}docs/api.json`);
    // Assess
    expect(status.versions).toEqual(expect.arrayContaining([expect.objectContaining({ component: 'catalog', version: '0.1.0' })]));
    expect(doc.info['x-pulp-app-versions'].catalog).toBe('0.1.0');
    const ops = Object.values(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(ops).toEqual(
      expect.arrayContaining([
        'repositories_catalog_catalog_create',
        'repositories_catalog_catalog_sync',
        'repositories_catalog_catalog_modify',
        'repositories_catalog_catalog_versions_list',
        'content_catalog_items_list',
        'content_catalog_items_create',
        'remotes_catalog_catalog_create',
        'publications_catalog_catalog_create',
        'distributions_catalog_catalog_create',
      ]),
    );
    expect(doc.paths['{catalog_catalog_repository_href}sync/']).toBeDefined();
  });

  it('creates content from an upload into a repository, with its own fields, filters and version rules', async () => {
    // Prepare
    const repo = await create('repositories/catalog/catalog/', { name: 'manual', index_name: 'all.json' });
    expect(repo).toMatchObject({ index_name: 'all.json', autopublish: false, latest_version_href: `${repo.pulp_href}versions/0/` });

    // Act
    const upload = async (name: string, version: number) =>
      expectTask(await sendMultipart(stack, `${API}content/catalog/items/`, { name, version: String(version), repository: repo.pulp_href }, { name: 'x', data: randomBytes(40) }), stack);
    const one = await upload('gamma', 1);
    const two = await upload('gamma', 2);
    const clash = await expectTask(
      await sendMultipart(stack, `${API}content/catalog/items/`, { name: 'GAMMA', version: '3', repository: repo.pulp_href }, { name: 'x', data: randomBytes(40) }),
      stack,
      'failed',
    );
    const refused = await sendMultipart(stack, `${API}content/catalog/items/`, { name: '../up', version: '1' }, { name: 'x', data: randomBytes(4) });

    // Assess
    expect(one.created_resources).toEqual([`${repo.pulp_href}versions/1/`, expect.stringMatching(/^\/pulp\/api\/v3\/content\/catalog\/items\/[0-9a-f-]{36}\/$/)]);
    expect(two.created_resources[0]).toBe(`${repo.pulp_href}versions/2/`);
    expect(clash.error.description).toContain('differ only in case');
    expect(refused.status).toBe(400);
    const latest = await get(stack, `${API}content/catalog/items/?repository_version=${repo.pulp_href}versions/2/`);
    // The newer unit of a name replaced the older one.
    expect(latest.results.map((u: any) => [u.name, u.version])).toEqual([['gamma', 2]]);
    const ranged = await get(stack, `${API}content/catalog/items/?version__gte=2&name__startswith=gam`);
    expect(ranged.count).toBe(1);
    const summary = (await get(stack, `${repo.pulp_href}versions/2/`)).content_summary;
    expect(summary.present['catalog.item'].count).toBe(1);
    expect(summary.added['catalog.item'].href).toBe(`${API}content/catalog/items/?repository_version_added=${repo.pulp_href}versions/2/`);
  });

  it('syncs from a remote, publishes, distributes and serves the items and the published index', async () => {
    // Prepare
    const remote = await create('remotes/catalog/catalog/', { name: 'up', url: upstream.url, channel: 'beta' });
    const repo = await create('repositories/catalog/catalog/', { name: 'mirror', remote: remote.pulp_href });

    // Act
    const synced = await expectTask(await stack.api(`${repo.pulp_href}sync/`, { method: 'POST', body: {} }), stack);
    const published = await expectTask(await stack.api(`${API}publications/catalog/catalog/`, { method: 'POST', body: { repository: repo.pulp_href } }), stack);
    const distributed = await expectTask(
      await stack.api(`${API}distributions/catalog/catalog/`, { method: 'POST', body: { name: 'cat', base_path: 'cat/stable', publication: published.created_resources[0] } }),
      stack,
    );
    const index = await fetch(new URL('/pulp/content/cat/stable/index.json', stack.url));
    const item = await fetch(new URL('/pulp/content/cat/stable/items/beta-2.dat', stack.url));

    // Assess
    expect(remote.channel).toBe('beta');
    expect(synced.result).toEqual({ items: 2, version: 1 });
    expect(synced.reserved_resources_record).toEqual(expect.arrayContaining([`prn:catalog.catalogrepository:${repo.pulp_href.split('/')[7]}`]));
    expect(upstream.hits.get('blobs/alpha-1')).toBe(1);
    expect(distributed.created_resources[0]).toMatch(/^\/pulp\/api\/v3\/distributions\/catalog\/catalog\//);
    expect(JSON.parse(await index.text())).toEqual([
      { name: 'alpha', version: 1, path: 'items/alpha-1.dat' },
      { name: 'beta', version: 2, path: 'items/beta-2.dat' },
    ]);
    expect(Buffer.from(await item.arrayBuffer()).equals(items[1]!.data)).toBe(true);
    const listing = await (await fetch(new URL('/pulp/content/cat/stable/items/', stack.url))).text();
    expect(listing).toContain('alpha-1.dat');
  });

  it('shows the type in the generic lists beside file content', async () => {
    // Act
    const repos = await get(stack, `${API}repositories/?limit=100`);
    const content = await get(stack, `${API}content/?pulp_type=catalog.item`);
    const distributions = await get(stack, `${API}distributions/`);
    // Assess
    expect(repos.results.map((r: any) => r.pulp_href)).toEqual(expect.arrayContaining([expect.stringContaining('/repositories/catalog/catalog/')]));
    // gamma 1 and 2, GAMMA 3 (made before its version was refused: an orphan now), alpha, beta.
    expect(content.count).toBe(5);
    expect(content.results.every((c: any) => c.pulp_href.startsWith(`${API}content/catalog/items/`))).toBe(true);
    expect(distributions.results[0].base_url).toMatch(/\/pulp\/content\/cat\/stable\/$/);
  });
});
