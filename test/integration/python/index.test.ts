import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSdist, buildWheel, coreMetadata, type DistSpec } from '../../support/python-dists';
import { startTestStack, type TestStack } from '../../support/test-stack';
import { addContent, createDistribution, createPackage, createRepository, pypi, type Json } from './support/python-api';

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

const ALPHA: DistSpec = { name: 'Alpha.Pkg', version: '1.0', requiresPython: '>=3.8' };
const ALPHA_2: DistSpec = { name: 'Alpha.Pkg', version: '2.0b1', metadataVersion: '2.4', requiresPython: '>=3.9' };

const PIP_ACCEPT = 'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html; q=0.1, text/html; q=0.01';

describe('the package index at /pypi/<base_path>/', () => {
  let stack: TestStack;
  let repo: Json;
  const basePath = 'team/index';
  const root = `/pypi/${basePath}/`;
  const wheel = buildWheel(ALPHA);
  const sdist = buildSdist(ALPHA);
  const pre = buildWheel(ALPHA_2);

  beforeAll(async () => {
    stack = await startTestStack('python-index');
    repo = await createRepository(stack, 'index-repo');
    const units = [await createPackage(stack, wheel), await createPackage(stack, sdist), await createPackage(stack, pre, { yanked: 'true', yanked_reason: 'broken' })];
    await addContent(stack, repo.pulp_href, units.map((u) => u.pulp_href));
    await createDistribution(stack, { name: 'index', base_path: basePath, repository: repo.pulp_href });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('summarises the index', async () => {
    // Act
    const res = await pypi(stack, root);

    // Assess
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ projects: 1, releases: 2, files: 3 });
  });

  it('lists projects by normalized name, HTML by default and JSON when asked', async () => {
    // Act
    const html = await pypi(stack, `${root}simple/`);
    const json = await pypi(stack, `${root}simple/`, { accept: 'application/vnd.pypi.simple.v1+json' });

    // Assess
    expect(html.headers.get('content-type')).toBe('text/html');
    expect(await html.text()).toContain('<a href="alpha-pkg/">Alpha.Pkg</a>');
    expect(json.headers.get('content-type')).toBe('application/vnd.pypi.simple.v1+json');
    expect(await json.json()).toMatchObject({ meta: { 'api-version': '1.1' }, projects: [{ name: 'Alpha.Pkg' }] });
  });

  it.each([
    ['pip', PIP_ACCEPT, 'application/vnd.pypi.simple.v1+json'],
    ['none', '', 'text/html'],
    ['html over json by q', 'application/vnd.pypi.simple.v1+json;q=0.2, text/html', 'text/html'],
    ['unknown', 'application/json', 'text/html'],
    ['v1 html', 'application/vnd.pypi.simple.v1+html', 'application/vnd.pypi.simple.v1+html'],
  ])('negotiates the project page for %s', async (_what, accept, expected) => {
    // Act
    const res = await pypi(stack, `${root}simple/alpha-pkg/`, accept ? { accept } : {});

    // Assess
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(expected);
    expect(res.headers.get('vary')).toBe('Accept, Accept-Encoding');
    expect(res.headers.get('x-pypi-last-serial')).toMatch(/^[1-9]\d*$/);
    expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
  });

  it('answers any spelling of the name without a redirect', async () => {
    // Act
    const res = await pypi(stack, `${root}simple/ALPHA_pkg/`, { accept: 'application/vnd.pypi.simple.v1+json' });

    // Assess
    expect(res.status).toBe(200);
    expect(((await res.json()) as Json).name).toBe('alpha-pkg');
  });

  it('gives PEP 691/700 JSON with hashes, sizes, upload times, requires-python, yanked and core-metadata', async () => {
    // Act
    const page = (await (await pypi(stack, `${root}simple/alpha-pkg/`, { accept: PIP_ACCEPT })).json()) as Json;

    // Assess
    const byName = Object.fromEntries((page.files as Json[]).map((f) => [f.filename, f]));
    expect(page.versions).toEqual(['1.0', '2.0b1']);
    expect(byName[wheel.filename]).toMatchObject({
      url: `${stack.url}/pulp/content/${basePath}/${wheel.filename}`,
      hashes: { sha256: sha256(wheel.bytes) },
      size: wheel.bytes.length,
      'requires-python': '>=3.8',
      'core-metadata': { sha256: sha256(coreMetadata(ALPHA)) },
      'dist-info-metadata': { sha256: sha256(coreMetadata(ALPHA)) },
      yanked: false,
    });
    expect(byName[wheel.filename]['upload-time']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(byName[sdist.filename]['core-metadata']).toBe(false);
    expect(byName[pre.filename].yanked).toBe('broken');
  });

  it('gives PEP 503 HTML with sha256 fragments and escaped attributes', async () => {
    // Act
    const html = await (await pypi(stack, `${root}simple/alpha-pkg/`)).text();

    // Assess
    const href = `${stack.url}/pulp/content/${basePath}/${wheel.filename}#sha256=${sha256(wheel.bytes)}`;
    expect(html).toContain(`<a href="${href}" data-requires-python="&gt;=3.8" data-dist-info-metadata="sha256=${sha256(coreMetadata(ALPHA))}"`);
    expect(html).toContain('data-yanked="broken"');
    expect(html).toContain('<meta name="pypi:repository-version" content="1.1">');
  });

  it('serves each advertised .metadata file with the advertised hash', async () => {
    // Prepare
    const page = (await (await pypi(stack, `${root}simple/alpha-pkg/`, { accept: PIP_ACCEPT })).json()) as Json;
    const advertised = (page.files as Json[]).filter((f) => f['core-metadata']);

    // Act
    const served = await Promise.all(advertised.map(async (f) => sha256(Buffer.from(await (await fetch(`${f.url}.metadata`)).arrayBuffer()))));

    // Assess
    expect(advertised.length).toBe(2);
    expect(served).toEqual(advertised.map((f) => f['core-metadata'].sha256));
  });

  it('serves the files themselves through the content app', async () => {
    // Act
    const res = await fetch(`${stack.url}/pulp/content/${basePath}/${sdist.filename}`);

    // Assess
    expect(res.status).toBe(200);
    expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(sha256(sdist.bytes));
  });

  it('revalidates with ETag: 304 repeats the validator', async () => {
    // Prepare
    const first = await pypi(stack, `${root}simple/alpha-pkg/`, { accept: PIP_ACCEPT });
    const etag = first.headers.get('etag')!;

    // Act
    const again = await pypi(stack, `${root}simple/alpha-pkg/`, { accept: PIP_ACCEPT, 'if-none-match': etag });
    const other = await pypi(stack, `${root}simple/alpha-pkg/`, { 'if-none-match': etag });

    // Assess
    expect(etag).toMatch(/^"[0-9a-f]+(-gz)?"$/);
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(other.status).toBe(200);
  });

  it('gzips index pages for clients that take gzip, and only for them', async () => {
    // Act
    const zipped = await pypi(stack, `${root}simple/alpha-pkg/`, { accept: PIP_ACCEPT, 'accept-encoding': 'gzip' });
    const plain = await pypi(stack, `${root}simple/alpha-pkg/`, { accept: PIP_ACCEPT, 'accept-encoding': 'identity' });

    // Assess
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await zipped.json()).toEqual(await plain.json());
  });

  it('answers an unknown project 404 with pulp_python\'s text', async () => {
    // Act
    const res = await pypi(stack, `${root}simple/No_Such/`);

    // Assess
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('no-such does not exist.');
  });

  it('serves PyPI\'s JSON API for the project and for one version', async () => {
    // Act
    const project = (await (await pypi(stack, `${root}pypi/alpha.pkg/json/`)).json()) as Json;
    const release = await pypi(stack, `${root}pypi/alpha-pkg/1.0/json/`);
    const missing = await pypi(stack, `${root}pypi/alpha-pkg/9.9/json/`);
    // PyPI's spelling, without the slash (what bandersnatch asks for).
    const pypiStyle = await pypi(stack, `${root}pypi/Alpha.Pkg/json`);

    // Assess
    expect(project.info).toMatchObject({ name: 'Alpha.Pkg', version: '2.0b1', requires_python: '>=3.9' });
    expect(Object.keys(project.releases)).toEqual(['1.0', '2.0b1']);
    expect(release.status).toBe(200);
    expect(release.headers.get('x-pypi-last-serial')).toMatch(/^[1-9]\d*$/);
    const body = (await release.json()) as Json;
    expect(body.urls.map((u: Json) => u.filename).sort()).toEqual([sdist.filename, wheel.filename].sort());
    expect(body.urls[0].digests.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(missing.status).toBe(404);
    expect(pypiStyle.status).toBe(200);
    expect(((await pypiStyle.json()) as Json).info.name).toBe('Alpha.Pkg');
  });

  it('answers 404 for a base path no python distribution has', async () => {
    // Act
    const res = await pypi(stack, '/pypi/nowhere/simple/');

    // Assess
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ detail: 'No PythonDistribution found for base_path nowhere' });
  });

  it('shows the distribution\'s base_url on the API origin', async () => {
    // Act
    const page = (await (await stack.api(`/pulp/api/v3/distributions/python/pypi/?base_path=${basePath}`)).json()) as Json;

    // Assess
    expect(page.results[0]).toMatchObject({ base_url: `${stack.url}/pypi/${basePath}/`, allow_uploads: true, remote: null, repository: repo.pulp_href });
  });
});
