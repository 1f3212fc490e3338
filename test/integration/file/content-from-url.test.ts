import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactKey } from '../../../layers/core/storage/blob-store';
import { contentHref, createRepository, get, json, sha256, versionNumbers } from '../../support/file-api';
import { expectTask } from '../../support/tasks';
import { startTestStack, type TestStack } from '../../support/test-stack';
import { Upstream } from './support/upstream';

const CONTENT = '/pulp/api/v3/content/file/files/';
const ARTIFACTS = '/pulp/api/v3/artifacts/';

describe('file content from file_url', () => {
  let stack: TestStack;
  const upstream = new Upstream();
  const guarded = new Upstream();

  beforeAll(async () => {
    stack = await startTestStack('file-content-url');
    await upstream.start();
    guarded.credentials = { username: 'reader', password: 's3cr3t-pw' };
    await guarded.start();
  });

  afterAll(async () => {
    await upstream.stop();
    await guarded.stop();
    await stack?.stop();
  });

  const createFromUrl = (body: Record<string, unknown>) => stack.api(CONTENT, { method: 'POST', body });

  async function bytesAt(key: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await stack.app.blobs.get(key)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async function temporaryObjects(): Promise<number> {
    const out = await stack.app.s3.send(new ListObjectsV2Command({ Bucket: stack.app.config.contentBucket, Prefix: 'tmp/' }));
    return out.KeyCount ?? 0;
  }

  async function unitsAt(relativePath: string): Promise<number> {
    return (await get(stack, `${CONTENT}?relative_path=${encodeURIComponent(relativePath)}`)).count;
  }

  it('downloads the URL into S3 under its sha256 (multipart-sized body) and returns the unit', async () => {
    // Prepare
    const data = randomBytes(9 * 1024 * 1024 + 123);
    upstream.add('big/disk.img', data);

    // Act
    const task = await expectTask(await createFromUrl({ relative_path: 'images/disk.img', file_url: `${upstream.url}/repo/big/disk.img` }), stack);

    // Assess
    expect(task.name).toBe('pulpcore.app.tasks.base.general_create');
    expect(task.created_resources).toEqual([contentHref(task)]);
    expect(task.result).toMatchObject({ pulp_href: contentHref(task), relative_path: 'images/disk.img', sha256: sha256(data) });
    expect(task.result.sha512).toMatch(/^[0-9a-f]{128}$/);
    const artifact = await get(stack, task.result.artifact);
    expect(artifact).toMatchObject({ size: data.length, sha256: sha256(data) });
    expect((await bytesAt(artifactKey(sha256(data)))).equals(data)).toBe(true);
    expect(await temporaryObjects()).toBe(0);
  });

  it('adds the unit to `repository` in a new version: created_resources = [version, content]', async () => {
    // Prepare
    const data = upstream.add('into-repo.txt').data;
    const repo = await createRepository(stack, 'from-url');

    // Act
    const task = await expectTask(
      await createFromUrl({ relative_path: 'docs/into-repo.txt', file_url: `${upstream.url}/repo/into-repo.txt`, repository: repo.pulp_href, pulp_labels: { from: 'url' } }),
      stack,
    );

    // Assess
    expect(task.created_resources).toHaveLength(2);
    expect(task.created_resources[0]).toBe(`${repo.pulp_href}versions/1/`);
    expect(task.created_resources[1]).toBe(contentHref(task));
    expect(task.result).toMatchObject({ relative_path: 'docs/into-repo.txt', sha256: sha256(data), pulp_labels: { from: 'url' } });
    const listed = await get(stack, `${CONTENT}?repository_version=${encodeURIComponent(`${repo.pulp_href}versions/1/`)}`);
    expect(listed.results.map((c: any) => c.pulp_href)).toEqual([contentHref(task)]);
  });

  it('reuses the artifact and the unit when the same bytes come again, from the same URL or another', async () => {
    // Prepare
    const data = upstream.add('again.bin').data;
    upstream.add('copy-of-again.bin', data);
    const body = { relative_path: 'again.bin', file_url: `${upstream.url}/repo/again.bin` };

    // Act
    const first = await expectTask(await createFromUrl(body), stack);
    const second = await expectTask(await createFromUrl(body), stack);
    const third = await expectTask(await createFromUrl({ relative_path: 'again.bin', file_url: `${upstream.url}/repo/copy-of-again.bin` }), stack);

    // Assess
    expect(contentHref(second)).toBe(contentHref(first));
    expect(contentHref(third)).toBe(contentHref(first));
    expect(upstream.hits.get('again.bin')).toBe(2);
    expect((await get(stack, `${ARTIFACTS}?sha256=${sha256(data)}`)).count).toBe(1);
    expect(await unitsAt('again.bin')).toBe(1);
    expect(await temporaryObjects()).toBe(0);
  });

  it('sends credentials in the URL as basic auth', async () => {
    // Prepare
    const data = guarded.add('secret.txt').data;
    const url = guarded.url.replace('http://', 'http://reader:s3cr3t-pw@');

    // Act
    const task = await expectTask(await createFromUrl({ relative_path: 'secret.txt', file_url: `${url}/repo/secret.txt` }), stack);

    // Assess
    expect(task.result.sha256).toBe(sha256(data));
  });

  it.each([
    ['a 404', () => `${upstream.url}/repo/missing.bin`, /HTTP 404/],
    ['an unreachable host', () => 'http://127.0.0.1:1/nothing.bin', /ECONNREFUSED/],
    ['a 401 (credentials redacted)', () => `${guarded.url.replace('http://', 'http://reader:wrong-pw@')}/repo/x.bin`, /HTTP 401/],
  ])('fails the task on %s, naming the URL, and creates nothing', async (label, url, reason) => {
    // Prepare
    const repo = await createRepository(stack, `failing-${label}`);
    const relativePath = `failing/${label.replace(/\W+/g, '-')}.bin`;

    // Act
    const task = await expectTask(await createFromUrl({ relative_path: relativePath, file_url: url(), repository: repo.pulp_href }), stack, 'failed');

    // Assess
    const shown = url().replace(/\/\/[^@/]+@/, '//');
    expect(task.error.description).toContain(`Download of ${shown} failed`);
    expect(task.error.description).toMatch(reason);
    expect(JSON.stringify(task.error)).not.toContain('pw@');
    expect(JSON.stringify(task.error)).not.toContain('wrong-pw');
    expect(task.created_resources).toEqual([]);
    expect(await unitsAt(relativePath)).toBe(0);
    expect(await versionNumbers(stack, repo.pulp_href)).toEqual([0]);
    expect(await temporaryObjects()).toBe(0);
  });

  it.each([
    ['an ftp URL', 'ftp://example.com/file.iso'],
    ['a file URL', 'file:///etc/passwd'],
    ['not a URL', 'just some text'],
    ['an empty string', ''],
  ])('refuses %s with 400 on file_url', async (_label, fileUrl) => {
    // Act
    const res = await createFromUrl({ relative_path: 'x.bin', file_url: fileUrl });

    // Assess
    expect(res.status).toBe(400);
    expect(Object.keys(await json(res))).toEqual(['file_url']);
  });

  it('refuses file_url together with another source with 400', async () => {
    // Act
    const res = await createFromUrl({
      relative_path: 'x.bin',
      file_url: `${upstream.url}/repo/again.bin`,
      artifact: `${ARTIFACTS}00000000-0000-0000-0000-000000000000/`,
    });

    // Assess
    expect(res.status).toBe(400);
    expect(Object.keys(await json(res))).toEqual(['non_field_errors']);
  });
});
