import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactKey } from '../../../layers/core/storage/blob-store';
import { contentHref, createRepository, get, json, sendMultipart, sha256, uploadContent } from '../../support/file-api';
import { expectTask } from '../../support/tasks';
import { startTestStack, type TestStack } from '../../support/test-stack';

const CONTENT = '/pulp/api/v3/content/file/files/';
const ARTIFACTS = '/pulp/api/v3/artifacts/';

describe('artifacts, uploads and file content', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack('file-content');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('stores the same bytes once however often they are uploaded', async () => {
    // Prepare
    const data = randomBytes(300);
    // Act
    const first = await sendMultipart(stack, ARTIFACTS, {}, { name: 'a.bin', data });
    const second = await sendMultipart(stack, ARTIFACTS, { sha256: sha256(data) }, { name: 'b.bin', data });
    // Assess
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    const a = await json(first);
    expect((await json(second)).pulp_href).toBe(a.pulp_href);
    expect(a).toMatchObject({ size: 300, sha256: sha256(data), md5: null, sha1: null });
    expect(a.sha512).toMatch(/^[0-9a-f]{128}$/);
    const page = await get(stack, `${ARTIFACTS}?sha256=${sha256(data)}`);
    expect(page.count).toBe(1);
    expect(await stack.app.blobs.size(artifactKey(sha256(data)))).toBe(300);
  });

  it.each([
    ['sha256', { sha256: '0'.repeat(64) }],
    ['size', { size: '3' }],
    ['md5', { md5: '0'.repeat(32) }],
  ])('refuses an artifact whose %s does not match with 400', async (_field, fields) => {
    // Act
    const res = await sendMultipart(stack, ARTIFACTS, fields, { name: 'x', data: randomBytes(10) });
    // Assess
    expect(res.status).toBe(400);
    expect(Object.keys(await json(res))).toEqual(['non_field_errors']);
  });

  it('creates content from a file, reusing the artifact and returning the existing unit the second time', async () => {
    // Prepare
    const data = randomBytes(128);
    // Act
    const t1 = await uploadContent(stack, 'dir/one.bin', data);
    const t2 = await uploadContent(stack, 'dir/one.bin', data);
    const t3 = await uploadContent(stack, 'dir/other-name.bin', data);
    // Assess
    expect(t1.name).toBe('pulpcore.app.tasks.base.general_create');
    expect(contentHref(t2)).toBe(contentHref(t1));
    expect(contentHref(t3)).not.toBe(contentHref(t1));
    const unit = await get(stack, contentHref(t1));
    const other = await get(stack, contentHref(t3));
    expect(unit).toMatchObject({ relative_path: 'dir/one.bin', sha256: sha256(data), pulp_labels: {} });
    expect(other.artifact).toBe(unit.artifact);
    expect((await get(stack, `${ARTIFACTS}?sha256=${sha256(data)}`)).count).toBe(1);
  });

  it('creates content from an artifact href (JSON) into a repository: created_resources = [version, content]', async () => {
    // Prepare
    const repo = await createRepository(stack, 'content-into-repo');
    const artifact = await json(await sendMultipart(stack, ARTIFACTS, {}, { name: 'x', data: randomBytes(20) }));
    // Act
    const task = await expectTask(
      await stack.api(CONTENT, { method: 'POST', body: { relative_path: 'a.txt', artifact: artifact.pulp_href, repository: repo.pulp_href, pulp_labels: { k: 'v' } } }),
      stack,
    );
    // Assess
    expect(task.created_resources).toHaveLength(2);
    expect(task.created_resources[0]).toBe(`${repo.pulp_href}versions/1/`);
    expect(task.created_resources[1]).toMatch(/^\/pulp\/api\/v3\/content\/file\/files\/[0-9a-f-]{36}\/$/);
    expect(task.result).toMatchObject({ relative_path: 'a.txt', artifact: artifact.pulp_href, pulp_labels: { k: 'v' } });
    const listed = await get(stack, `${CONTENT}?repository_version=${encodeURIComponent(`${repo.pulp_href}versions/1/`)}`);
    expect(listed.results.map((c: any) => c.pulp_href)).toEqual([task.created_resources[1]]);
  });

  it.each([
    ['no source', { relative_path: 'x' }, 'non_field_errors'],
    ['two sources', { relative_path: 'x', artifact: `${ARTIFACTS}00000000-0000-0000-0000-000000000000/`, upload: '/pulp/api/v3/uploads/00000000-0000-0000-0000-000000000000/' }, 'non_field_errors'],
    ['a missing artifact', { relative_path: 'x', artifact: `${ARTIFACTS}00000000-0000-0000-0000-000000000000/` }, 'artifact'],
    ['a bad artifact href', { relative_path: 'x', artifact: '/pulp/api/v3/tasks/' }, 'artifact'],
    ['an absolute path', { relative_path: '/etc/passwd', artifact: `${ARTIFACTS}00000000-0000-0000-0000-000000000000/` }, 'relative_path'],
    ['a .. path', { relative_path: 'a/../b', artifact: `${ARTIFACTS}00000000-0000-0000-0000-000000000000/` }, 'relative_path'],
    ['an unknown field', { relative_path: 'x', artifact: `${ARTIFACTS}00000000-0000-0000-0000-000000000000/`, colour: 1 }, 'colour'],
  ])('refuses content with %s (400)', async (_label, body, field) => {
    // Act
    const res = await stack.api(CONTENT, { method: 'POST', body });
    // Assess
    expect(res.status).toBe(400);
    expect(Object.keys(await json(res))).toContain(field);
  });

  it('filters content by relative_path variants and sha256', async () => {
    // Prepare
    const data = randomBytes(40);
    await uploadContent(stack, 'filters/alpha.txt', data);
    await uploadContent(stack, 'filters/beta.txt');
    // Act / Assess
    for (const [query, count] of [
      ['relative_path=filters/alpha.txt', 1],
      ['relative_path__contains=filters/', 2],
      ['relative_path__startswith=filters/b', 1],
      [`sha256=${sha256(data)}`, 1],
      ['relative_path__in=filters/alpha.txt,filters/beta.txt', 2],
    ] as const) {
      expect((await get(stack, `${CONTENT}?${query}`)).count, query).toBe(count);
    }
  });

  it('assembles a chunked upload into an artifact on commit and deletes the upload', async () => {
    // Prepare
    const data = randomBytes(1000);
    const upload = await json(await stack.api('/pulp/api/v3/uploads/', { method: 'POST', body: { size: 1000 } }));
    // Act
    const second = await sendMultipart(stack, upload.pulp_href, { sha256: sha256(data.subarray(600)) }, { name: 'c', data: data.subarray(600) }, { method: 'PUT', headers: { 'Content-Range': 'bytes 600-999/1000' } });
    const first = await sendMultipart(stack, upload.pulp_href, {}, { name: 'c', data: data.subarray(0, 600) }, { method: 'PUT', headers: { 'Content-Range': 'bytes 0-599/1000' } });
    const detail = await get(stack, upload.pulp_href);
    const task = await expectTask(await stack.api(`${upload.pulp_href}commit/`, { method: 'POST', body: { sha256: sha256(data) } }), stack);
    // Assess
    expect(second.status).toBe(200);
    expect(first.status).toBe(200);
    expect(detail.chunks).toEqual([{ offset: 0, size: 600 }, { offset: 600, size: 400 }]);
    const artifact = await get(stack, task.created_resources[0]);
    expect(artifact).toMatchObject({ sha256: sha256(data), size: 1000 });
    expect((await stack.api(upload.pulp_href)).status).toBe(404);
  });

  it.each([
    ['a range past the end', 'bytes 0-10/5', 5, 11],
    ['a total that is not the size', 'bytes 0-4/6', 5, 5],
    ['a length that is not the range', 'bytes 0-3/5', 5, 5],
    ['a malformed header', 'chunk 1', 5, 5],
  ])('refuses a chunk with %s (400)', async (_label, range, size, length) => {
    // Prepare
    const upload = await json(await stack.api('/pulp/api/v3/uploads/', { method: 'POST', body: { size } }));
    // Act
    const res = await sendMultipart(stack, upload.pulp_href, {}, { name: 'c', data: randomBytes(length) }, { method: 'PUT', headers: { 'Content-Range': range } });
    // Assess
    expect(res.status).toBe(400);
  });

  it('fails the commit when the digest does not match, keeping the upload', async () => {
    // Prepare
    const data = randomBytes(10);
    const upload = await json(await stack.api('/pulp/api/v3/uploads/', { method: 'POST', body: { size: 10 } }));
    await sendMultipart(stack, upload.pulp_href, {}, { name: 'c', data }, { method: 'PUT', headers: { 'Content-Range': 'bytes 0-9/10' } });
    // Act
    const task = await expectTask(await stack.api(`${upload.pulp_href}commit/`, { method: 'POST', body: { sha256: '0'.repeat(64) } }), stack, 'failed');
    // Assess
    expect(task.error.description).toContain('sha256');
    expect((await stack.api(upload.pulp_href)).status).toBe(200);
  });

  it('creates content from an upload (pulp-cli chunked content upload)', async () => {
    // Prepare
    const data = randomBytes(50);
    const upload = await json(await stack.api('/pulp/api/v3/uploads/', { method: 'POST', body: { size: 50 } }));
    await sendMultipart(stack, upload.pulp_href, {}, { name: 'c', data }, { method: 'PUT', headers: { 'Content-Range': 'bytes 0-49/50' } });
    // Act
    const task = await expectTask(await stack.api(CONTENT, { method: 'POST', body: { relative_path: 'from-upload.bin', upload: upload.pulp_href } }), stack);
    // Assess
    expect(task.reserved_resources_record).toContain(`prn:core.upload:${upload.pulp_href.split('/')[5]}`);
    expect((await get(stack, contentHref(task))).sha256).toBe(sha256(data));
    expect((await stack.api(upload.pulp_href)).status).toBe(404);
  });

  it('deletes an unused artifact (204) but not one content uses (409)', async () => {
    // Prepare
    const unused = await json(await sendMultipart(stack, ARTIFACTS, {}, { name: 'u', data: randomBytes(7) }));
    const used = await get(stack, contentHref(await uploadContent(stack, 'used.bin')));
    // Act
    const del = await stack.api(unused.pulp_href, { method: 'DELETE' });
    const refused = await stack.api(used.artifact, { method: 'DELETE' });
    // Assess
    expect(del.status).toBe(204);
    expect(await stack.app.blobs.exists(artifactKey(unused.sha256))).toBe(false);
    expect(refused.status).toBe(409);
  });
});
