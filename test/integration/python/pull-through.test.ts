import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWheel, coreMetadata, type DistSpec } from '../../support/python-dists';
import { PythonIndexServer } from '../../support/python-index-server';
import { waitFor } from '../../support/wait-for';
import { startTestStack, type TestStack } from '../../support/test-stack';
import { addContent, createDistribution, createPackage, createRemote, createRepository, filenames, pypi, type Json } from './support/python-api';

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');
const JSON_ACCEPT = { accept: 'application/vnd.pypi.simple.v1+json' };

const UP: DistSpec = { name: 'upstream-lib', version: '1.0', requiresPython: '>=3.7' };
const UP_2: DistSpec = { name: 'upstream-lib', version: '2.0' };
const HIDDEN: DistSpec = { name: 'hidden-lib', version: '1.0' };

describe('pull-through: a distribution with a remote serves the remote\'s projects too', () => {
  let stack: TestStack;
  let upstream: PythonIndexServer;
  let repo: Json;

  beforeAll(async () => {
    stack = await startTestStack('python-pull-through');
    upstream = await new PythonIndexServer({ metadata: true }).start();
    upstream.addSpec(UP);
    upstream.addSpec(UP_2, { yanked: 'bad build' });
    upstream.addSpec(HIDDEN);
    const remote = await createRemote(stack, { name: 'up', url: upstream.url, excludes: ['hidden-lib'] });
    repo = await createRepository(stack, 'cache');
    // A local file of the same project: shown beside the remote's.
    const local = await createPackage(stack, buildWheel({ name: 'upstream-lib', version: '0.9' }));
    await addContent(stack, repo.pulp_href, [local.pulp_href]);
    await createDistribution(stack, { name: 'pt', base_path: 'pt', repository: repo.pulp_href, remote: remote.pulp_href });
    await createDistribution(stack, { name: 'pt-only', base_path: 'pt-only', remote: remote.pulp_href });
  });

  afterAll(async () => {
    await upstream?.stop();
    await stack?.stop();
  });

  it('lists local files with the remote\'s, linked through this server', async () => {
    // Act
    const page = (await (await pypi(stack, '/pypi/pt/simple/Upstream_Lib/', JSON_ACCEPT)).json()) as Json;

    // Assess
    const files = page.files as Json[];
    expect(files.map((f) => f.filename)).toEqual([
      'upstream_lib-0.9-py3-none-any.whl',
      'upstream_lib-1.0-py3-none-any.whl',
      'upstream_lib-1.0.tar.gz',
      'upstream_lib-2.0-py3-none-any.whl',
      'upstream_lib-2.0.tar.gz',
    ]);
    for (const f of files) expect(f.url).toBe(`${stack.url}/pulp/content/pt/${f.filename}`);
    const byName = Object.fromEntries(files.map((f) => [f.filename, f]));
    expect(byName['upstream_lib-1.0-py3-none-any.whl']).toMatchObject({ 'requires-python': '>=3.7', 'core-metadata': { sha256: sha256(coreMetadata(UP)) } });
    expect(byName['upstream_lib-2.0.tar.gz'].yanked).toBe('bad build');
  });

  it('does not serve what the remote\'s excludes leave out', async () => {
    // Act
    const page = await pypi(stack, '/pypi/pt/simple/hidden-lib/');
    const file = await fetch(`${stack.url}/pulp/content/pt/hidden_lib-1.0-py3-none-any.whl`);

    // Assess
    expect(page.status).toBe(404);
    expect(file.status).toBe(404);
  });

  it('fetches a file on first download only, then keeps it in the repository', async () => {
    // Prepare
    const path = '/packages/upstream_lib-1.0-py3-none-any.whl';
    const url = `${stack.url}/pulp/content/pt/upstream_lib-1.0-py3-none-any.whl`;

    // Act
    const first = Buffer.from(await (await fetch(url)).arrayBuffer());
    await waitFor(async () => ((await filenames(stack, repo.pulp_href)).includes('upstream_lib-1.0-py3-none-any.whl') ? true : undefined), { what: 'the cached package in the repository' });
    const second = Buffer.from(await (await fetch(url)).arrayBuffer());
    const metadata = Buffer.from(await (await fetch(`${url}.metadata`)).arrayBuffer());

    // Assess
    expect(sha256(first)).toBe(upstream.dists.find((d) => d.dist.filename === 'upstream_lib-1.0-py3-none-any.whl')!.sha256);
    expect(second.equals(first)).toBe(true);
    expect(upstream.hitsOf(path)).toBe(1);
    expect(sha256(metadata)).toBe(sha256(coreMetadata(UP)));
  });

  it('serves a remote\'s .metadata before its file was ever fetched', async () => {
    // Act
    const res = await fetch(`${stack.url}/pulp/content/pt-only/upstream_lib-2.0-py3-none-any.whl.metadata`);

    // Assess
    expect(res.status).toBe(200);
    expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(sha256(coreMetadata(UP_2)));
    expect(upstream.hitsOf('/packages/upstream_lib-2.0-py3-none-any.whl')).toBe(0);
  });

  it('serves a remote-only distribution (no repository) from the remote alone', async () => {
    // Act
    const page = await pypi(stack, '/pypi/pt-only/simple/upstream-lib/');
    const file = await fetch(`${stack.url}/pulp/content/pt-only/upstream_lib-1.0.tar.gz`);

    // Assess
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain('upstream_lib-0.9');
    expect(file.status).toBe(200);
  });

  it('answers 404 for a file the remote does not list, without asking for it', async () => {
    // Prepare
    const before = upstream.fileHits();

    // Act
    const res = await fetch(`${stack.url}/pulp/content/pt/upstream_lib-7.0-py3-none-any.whl`);

    // Assess
    expect(res.status).toBe(404);
    expect(upstream.fileHits()).toBe(before);
  });
});
