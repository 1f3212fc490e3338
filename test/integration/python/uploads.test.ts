import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSdist, buildWheel, type DistSpec } from '../../support/python-dists';
import { waitForTask } from '../../support/tasks';
import { startTestStack, type TestStack } from '../../support/test-stack';
import { createDistribution, createRepository, filenames, get, PACKAGES, postForm, twineForm, type Json } from './support/python-api';

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

const spec = (version: string): DistSpec => ({ name: 'uploaded-pkg', version });

describe('uploads: twine\'s legacy form and the synchronous content upload', () => {
  let stack: TestStack;
  let repo: Json;
  const legacy = '/pypi/uploads/legacy/';

  beforeAll(async () => {
    stack = await startTestStack('python-uploads');
    repo = await createRepository(stack, 'uploads');
    await createDistribution(stack, { name: 'uploads', base_path: 'uploads', repository: repo.pulp_href });
    await createDistribution(stack, { name: 'closed', base_path: 'closed', repository: repo.pulp_href, allow_uploads: false });
    await createDistribution(stack, { name: 'empty', base_path: 'empty' });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('takes a twine upload into the repository before answering', async () => {
    // Prepare
    const wheel = buildWheel(spec('1.0'));

    // Act
    const res = await postForm(stack, legacy, { ...twineForm(wheel, sha256(wheel.bytes)), name: 'uploaded-pkg', version: '1.0', classifiers: ['A', 'B'] }, { content: { name: wheel.filename, data: wheel.bytes } });

    // Assess
    const body = (await res.json()) as Json;
    expect(res.status, JSON.stringify(body)).toBe(202);
    // Installable at once: the task ran before the answer.
    const page = await (await fetch(`${stack.url}/pypi/uploads/simple/uploaded-pkg/`)).text();
    expect(page).toContain(wheel.filename);
    expect(body.task).toMatch(/^\/pulp\/api\/v3\/tasks\/[0-9a-f-]+\/$/);
    expect((await waitForTask(stack, body.task)).state).toBe('completed');
    expect(await filenames(stack, repo.pulp_href)).toContain(wheel.filename);
  });

  it('refuses the same filename again with 400 "already exists" (what --skip-existing skips)', async () => {
    // Prepare
    const sdist = buildSdist(spec('1.1'));
    const form = twineForm(sdist, sha256(sdist.bytes));
    const file = { content: { name: sdist.filename, data: sdist.bytes } };
    const first = await postForm(stack, legacy, form, file);
    await waitForTask(stack, ((await first.json()) as Json).task);

    // Act
    const again = await postForm(stack, legacy, form, file);

    // Assess
    expect(again.status).toBe(400);
    expect(await again.text()).toContain(`Package ${sdist.filename} already exists in index`);
  });

  it.each([
    ['a wrong sha256', (_d: Buffer) => ({ sha256_digest: '0'.repeat(64) }), 'sha256_digest'],
    ['protocol version 2', () => ({ protocol_version: '2' }), 'protocol_version'],
    ['a filetype that does not match', () => ({ filetype: 'sdist' }), 'filetype'],
    ['no sha256', () => ({ sha256_digest: undefined }), 'sha256_digest'],
  ])('refuses %s with a 400 on that field', async (_what, change, field) => {
    // Prepare
    const wheel = buildWheel(spec('9.0'));
    const form = Object.fromEntries(Object.entries({ ...twineForm(wheel, sha256(wheel.bytes)), ...change(wheel.bytes) }).filter(([, v]) => v !== undefined)) as Record<string, string>;

    // Act
    const res = await postForm(stack, legacy, form, { content: { name: wheel.filename, data: wheel.bytes } });

    // Assess
    expect(res.status).toBe(400);
    expect(Object.keys((await res.json()) as Json)).toEqual([field]);
  });

  it('refuses a file that is not a distribution', async () => {
    // Prepare
    const junk = Buffer.from('not a zip');

    // Act
    const res = await postForm(stack, legacy, { ...twineForm({ filename: 'x-1.0-py3-none-any.whl', bytes: junk }, sha256(junk)) }, { content: { name: 'x-1.0-py3-none-any.whl', data: junk } });

    // Assess
    expect(res.status).toBe(400);
    expect(Object.keys((await res.json()) as Json)).toEqual(['content']);
  });

  it('answers an anonymous upload 401 with a Basic challenge', async () => {
    // Prepare
    const wheel = buildWheel(spec('2.0'));

    // Act
    const res = await postForm(stack, legacy, twineForm(wheel, sha256(wheel.bytes)), { content: { name: wheel.filename, data: wheel.bytes } }, null);

    // Assess
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic /);
  });

  it.each([
    ['closed', 403],
    ['empty', 400],
    ['nowhere', 404],
  ])('answers an upload to /pypi/%s/ with %i', async (basePath, status) => {
    // Prepare
    const wheel = buildWheel(spec('3.0'));

    // Act
    const res = await postForm(stack, `/pypi/${basePath}/legacy/`, twineForm(wheel, sha256(wheel.bytes)), { content: { name: wheel.filename, data: wheel.bytes } });

    // Assess
    expect(res.status).toBe(status);
  });

  it('takes uploads at simple/ too', async () => {
    // Prepare
    const wheel = buildWheel(spec('4.0'));

    // Act
    const res = await postForm(stack, '/pypi/uploads/simple/', twineForm(wheel, sha256(wheel.bytes)), { content: { name: wheel.filename, data: wheel.bytes } });

    // Assess
    expect(res.status).toBe(202);
    await waitForTask(stack, ((await res.json()) as Json).task);
    expect(await filenames(stack, repo.pulp_href)).toContain(wheel.filename);
  });

  it('content/python/packages/upload/ answers 201 with the unit, its metadata read from the file', async () => {
    // Prepare
    const wheel = buildWheel({ name: 'sync-upload', version: '0.5', metadataVersion: '2.4', requiresDist: ['uploaded-pkg>=1.0'], classifiers: ['Programming Language :: Python'] });

    // Act
    const res = await postForm(stack, `${PACKAGES}upload/`, { pulp_labels: '{"team":"a"}' }, { file: { name: wheel.filename, data: wheel.bytes } });

    // Assess
    const unit = (await res.json()) as Json;
    expect(res.status, JSON.stringify(unit)).toBe(201);
    expect(unit).toMatchObject({
      filename: wheel.filename,
      name: 'sync-upload',
      version: '0.5',
      packagetype: 'bdist_wheel',
      python_version: 'py3',
      metadata_version: '2.4',
      sha256: sha256(wheel.bytes),
      size: wheel.bytes.length,
      requires_dist: '["uploaded-pkg>=1.0"]',
      classifiers: '["Programming Language :: Python"]',
      license_file: '["LICENSE"]',
      project_urls: '{}',
      pulp_labels: { team: 'a' },
    });
    expect(unit.metadata_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(unit.artifact).toMatch(/^\/pulp\/api\/v3\/artifacts\//);
    expect(unit.pulp_href).toMatch(/^\/pulp\/api\/v3\/content\/python\/packages\/[0-9a-f-]+\/$/);
  });

  it('content/python/packages/upload/ refuses an unknown extension and a wrong sha256', async () => {
    // Prepare
    const wheel = buildWheel(spec('5.0'));

    // Act
    const badName = await postForm(stack, `${PACKAGES}upload/`, {}, { file: { name: 'package.rpm', data: wheel.bytes } });
    const badSha = await postForm(stack, `${PACKAGES}upload/`, { sha256: '1'.repeat(64) }, { file: { name: wheel.filename, data: wheel.bytes } });

    // Assess
    expect(badName.status).toBe(400);
    expect(await badName.json()).toEqual({
      non_field_errors: ['Extension on package.rpm is not a valid python extension (.whl, .exe, .egg, .tar.gz, .tar.bz2, .zip)'],
    });
    expect(badSha.status).toBe(400);
    expect(Object.keys((await badSha.json()) as Json)).toEqual(['sha256']);
  });

  it('lists packages with pulp_python\'s filters', async () => {
    // Prepare
    const query = (q: string) => get(stack, `${PACKAGES}?${q}`).then((p) => (p.results as Json[]).map((u) => u.filename as string).sort());

    // Act
    const byName = await query('name=Uploaded_Pkg');
    const byType = await query('packagetype=sdist&name__in=uploaded.pkg');
    const byVersion = await query('name=uploaded-pkg&version__gte=2&version__lt=5');
    const byFilename = await query('filename__contains=sync_upload');

    // Assess
    expect(byName).toEqual(['uploaded_pkg-1.0-py3-none-any.whl', 'uploaded_pkg-1.1.tar.gz', 'uploaded_pkg-4.0-py3-none-any.whl']);
    expect(byType).toEqual(['uploaded_pkg-1.1.tar.gz']);
    expect(byVersion).toEqual(['uploaded_pkg-4.0-py3-none-any.whl']);
    expect(byFilename).toEqual(['sync_upload-0.5-py3-none-any.whl']);
  });
});
