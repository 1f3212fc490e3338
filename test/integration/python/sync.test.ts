import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreMetadata, type DistSpec } from '../../support/python-dists';
import { PythonIndexServer } from '../../support/python-index-server';
import { startTestStack, type TestStack } from '../../support/test-stack';
import { busiestWindow } from '../file/support/upstream';
import { createDistribution, createRemote, createRepository, filenames, get, PACKAGES, pypi, sync, type Json } from './support/python-api';

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

const SPECS: DistSpec[] = [
  { name: 'red', version: '1.0', summary: 'Red one' },
  { name: 'red', version: '1.1' },
  { name: 'red', version: '2.0rc1' },
  { name: 'Blue_Thing', version: '0.1', requiresPython: '>=3.8' },
  { name: 'green', version: '3.0' },
];

/** A platform wheel the sync should be able to leave out (never downloaded: bytes are junk). */
const LINUX_WHEEL = 'green-3.0-cp311-cp311-manylinux_2_17_x86_64.whl';

describe('sync from PyPI-compatible indexes', () => {
  let stack: TestStack;
  let upstream: PythonIndexServer;

  beforeAll(async () => {
    stack = await startTestStack('python-sync');
    upstream = await new PythonIndexServer({ metadata: true }).start();
    for (const spec of SPECS) upstream.addSpec(spec);
    upstream.add({ filename: LINUX_WHEEL, bytes: randomBytes(100) }, 'green');
  });

  afterAll(async () => {
    await upstream?.stop();
    await stack?.stop();
  });

  async function syncWith(name: string, remote: Json, body: Json = {}): Promise<{ repo: Json; files: string[] }> {
    const repo = await createRepository(stack, name);
    const r = await createRemote(stack, { name, url: upstream.url, ...remote });
    await sync(stack, repo.pulp_href, { remote: r.pulp_href, ...body });
    return { repo, files: await filenames(stack, repo.pulp_href) };
  }

  it('reads the project pages within the remote’s rate_limit, whatever the download_concurrency', async () => {
    // Prepare: a dozen projects, read four at a time, at most four requests a second
    const many = await new PythonIndexServer({ metadata: true }).start();
    try {
      for (let i = 0; i < 12; i++) many.addSpec({ name: `paced-${i}`, version: '1.0' });
      const repo = await createRepository(stack, 'paced');
      const remote = await createRemote(stack, { name: 'paced', url: many.url, download_concurrency: 4, rate_limit: 4 });

      // Act
      await sync(stack, repo.pulp_href, { remote: remote.pulp_href });

      // Assess: every page read, no second holding more than the limit and one first request per slot
      const pages = many.requests.filter((r) => r.path.startsWith('/simple/'));
      expect(pages).toHaveLength(13);
      expect(busiestWindow(pages.map((r) => r.at)), JSON.stringify(pages)).toBeLessThanOrEqual(4 + 4);
    } finally {
      await many.stop();
    }
  });

  it('takes every project and file by default on demand, without downloading any file', async () => {
    // Act
    const { files } = await syncWith('all', {});

    // Assess
    expect(files).toEqual(
      [
        'blue_thing-0.1-py3-none-any.whl',
        'blue_thing-0.1.tar.gz',
        'green-3.0-py3-none-any.whl',
        'green-3.0.tar.gz',
        LINUX_WHEEL,
        'red-1.0-py3-none-any.whl',
        'red-1.0.tar.gz',
        'red-1.1-py3-none-any.whl',
        'red-1.1.tar.gz',
      ].sort(),
    );
    expect(upstream.fileHits()).toBe(0);
  });

  it.each([
    ['includes with a range', { includes: ['red>=1.1'] }, ['red-1.1-py3-none-any.whl', 'red-1.1.tar.gz']],
    ['includes and pre-releases', { includes: ['red'], prereleases: true }, ['red-1.0-py3-none-any.whl', 'red-1.0.tar.gz', 'red-1.1-py3-none-any.whl', 'red-1.1.tar.gz', 'red-2.0rc1-py3-none-any.whl', 'red-2.0rc1.tar.gz']],
    ['keep the latest', { includes: ['red'], prereleases: true, keep_latest_packages: 1 }, ['red-2.0rc1-py3-none-any.whl', 'red-2.0rc1.tar.gz']],
    ['package types', { includes: ['red', 'blue-thing'], package_types: ['sdist'] }, ['blue_thing-0.1.tar.gz', 'red-1.0.tar.gz', 'red-1.1.tar.gz']],
    ['excluded platforms', { includes: ['green'], exclude_platforms: ['linux'] }, ['green-3.0-py3-none-any.whl', 'green-3.0.tar.gz']],
    ['excludes', { excludes: ['red', 'green==3.0'] }, ['blue_thing-0.1-py3-none-any.whl', 'blue_thing-0.1.tar.gz']],
  ])('filters: %s', async (what, remote, expected) => {
    // Act
    const { files } = await syncWith(`filter-${what}`, remote);

    // Assess
    expect(files).toEqual([...expected].sort());
  });

  it('serves on-demand files and their .metadata, each fetched from the upstream once', async () => {
    // Prepare
    const { repo } = await syncWith('served', { includes: ['blue-thing'] });
    await createDistribution(stack, { name: 'served', base_path: 'served', repository: repo.pulp_href });
    const page = (await (await pypi(stack, '/pypi/served/simple/blue-thing/', { accept: 'application/vnd.pypi.simple.v1+json' })).json()) as Json;
    const wheel = (page.files as Json[]).find((f) => f.filename.endsWith('.whl'))!;
    const before = upstream.hitsOf('/packages/blue_thing-0.1-py3-none-any.whl');

    // Act
    const metadata = [0, 1].map(async () => Buffer.from(await (await fetch(`${wheel.url}.metadata`)).arrayBuffer()));
    const bodies = await Promise.all(metadata);
    const first = Buffer.from(await (await fetch(wheel.url)).arrayBuffer());
    const second = Buffer.from(await (await fetch(wheel.url)).arrayBuffer());

    // Assess
    expect(wheel['core-metadata']).toEqual({ sha256: sha256(coreMetadata(SPECS[3]!)) });
    for (const body of bodies) expect(sha256(body)).toBe(wheel['core-metadata'].sha256);
    expect(sha256(first)).toBe(wheel.hashes.sha256);
    expect(second.equals(first)).toBe(true);
    expect(upstream.hitsOf('/packages/blue_thing-0.1-py3-none-any.whl') - before).toBe(1);
    expect(page['versions']).toEqual(['0.1']);
    expect(wheel['requires-python']).toBe('>=3.8');
  });

  it('immediate: downloads every file and reads the wheels\' metadata into the packages', async () => {
    // Prepare: packages no earlier sync made (a known unit is reused as it is)
    const fresh = await new PythonIndexServer({ metadata: true }).start();
    fresh.addSpec({ name: 'Violet', version: '1.0', summary: 'Violet one', classifiers: ['Topic :: Utilities'] });
    try {
      const repo = await createRepository(stack, 'immediate');
      const remote = await createRemote(stack, { name: 'immediate', url: fresh.url, policy: 'immediate' });

      // Act
      await sync(stack, repo.pulp_href, { remote: remote.pulp_href });

      // Assess
      expect(await filenames(stack, repo.pulp_href)).toEqual(['violet-1.0-py3-none-any.whl', 'violet-1.0.tar.gz']);
      expect(fresh.fileHits()).toBe(2);
      const units = (await get(stack, `${PACKAGES}?name=violet&ordering=filename`)).results as Json[];
      expect(units[0]).toMatchObject({ name: 'Violet', version: '1.0', summary: 'Violet one', classifiers: '["Topic :: Utilities"]', packagetype: 'bdist_wheel' });
      expect(units[1]).toMatchObject({ name: 'Violet', summary: '', packagetype: 'sdist' });
      for (const unit of units) expect(unit.artifact).not.toBeNull();
    } finally {
      await fresh.stop();
    }
  });

  it('mirror drops what the upstream no longer has', async () => {
    // Prepare
    const repo = await createRepository(stack, 'mirror');
    const wide = await createRemote(stack, { name: 'mirror-wide', url: upstream.url, includes: ['red', 'green'] });
    const narrow = await createRemote(stack, { name: 'mirror-narrow', url: upstream.url, includes: ['green'] });
    await sync(stack, repo.pulp_href, { remote: wide.pulp_href });

    // Act
    await sync(stack, repo.pulp_href, { remote: narrow.pulp_href, mirror: true });

    // Assess
    expect(await filenames(stack, repo.pulp_href)).toEqual(['green-3.0-py3-none-any.whl', 'green-3.0.tar.gz', LINUX_WHEEL].sort());
  });

  it('syncs from PyPI\'s JSON API when an upstream has no simple pages', async () => {
    // Prepare
    const jsonOnly = await new PythonIndexServer({ jsonApiOnly: true }).start();
    jsonOnly.addSpec({ name: 'only-json', version: '1.2' });
    try {
      const repo = await createRepository(stack, 'json-api');
      const remote = await createRemote(stack, { name: 'json-api', url: jsonOnly.url, includes: ['only-json'] });

      // Act
      await sync(stack, repo.pulp_href, { remote: remote.pulp_href });

      // Assess
      expect(await filenames(stack, repo.pulp_href)).toEqual(['only_json-1.2-py3-none-any.whl', 'only_json-1.2.tar.gz']);
      expect(jsonOnly.hitsOf('/pypi/only-json/json')).toBe(1);
    } finally {
      await jsonOnly.stop();
    }
  });

  it('syncs from another index of this server (PEP 691 JSON) into a second repository', async () => {
    // Prepare
    const { repo: first } = await syncWith('first', { includes: ['blue-thing'], policy: 'immediate' });
    await createDistribution(stack, { name: 'first', base_path: 'chain/first', repository: first.pulp_href });
    const second = await createRepository(stack, 'second');
    const remote = await createRemote(stack, { name: 'second', url: `${stack.url}/pypi/chain/first/` });

    // Act
    await sync(stack, second.pulp_href, { remote: remote.pulp_href });

    // Assess
    expect(await filenames(stack, second.pulp_href)).toEqual(['blue_thing-0.1-py3-none-any.whl', 'blue_thing-0.1.tar.gz']);
    const units = (await get(stack, `${PACKAGES}?name=blue-thing`)).results as Json[];
    // The same files: the same units, whichever repository they came through.
    expect(units).toHaveLength(2);
  });

  it('refuses a remote whose includes are not requirements', async () => {
    // Act
    const res = await stack.api('/pulp/api/v3/remotes/python/python/', { method: 'POST', body: { name: 'bad', url: upstream.url, includes: ['red>>1'] } });

    // Assess
    expect(res.status).toBe(400);
    expect(((await res.json()) as Json).includes[0]).toMatch(/^includes specifier red>>1 is invalid\./);
  });

  it('a remote defaults to on_demand and pulp_python\'s sync settings', async () => {
    // Act
    const remote = await createRemote(stack, { name: 'defaults', url: upstream.url });

    // Assess
    expect(remote).toMatchObject({ policy: 'on_demand', includes: [], excludes: [], prereleases: false, package_types: [], keep_latest_packages: 0, exclude_platforms: [], provenance: false });
  });
});
