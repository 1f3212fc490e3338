import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StorageConfig } from '../../../layers/app/config';
import { signUrl } from '../../../layers/core/signing/cloudfront-url';
import { artifactKey } from '../../../layers/core/storage/blob-store';
import { rawGet } from '../../support/file-api';
import { startTestStack, type TestStack } from '../../support/test-stack';

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** Artifact URLs are signed as CloudFront's trusted key group wants them (a minute's validity). */
async function signed(stack: TestStack, url: string): Promise<string> {
  const keys = (await stack.app.access.signing.material()).artifacts!;
  return signUrl(url, keys.current, Math.floor(Date.now() / 1000) + 60);
}

/** A stack on the given store, holding one artifact and one published manifest. */
function storedStack(backend: StorageConfig['backend']) {
  const data = randomBytes(5000);
  const held = { stack: undefined as unknown as TestStack, dir: '', data, key: artifactKey(sha256(data)) };
  beforeAll(async () => {
    held.dir = await mkdtemp(path.join(os.tmpdir(), 'storage-origin-'));
    const storage: StorageConfig = backend === 'fs' ? { backend, dir: held.dir } : { backend };
    held.stack = await startTestStack(`storage-${backend}`, { storage, runWorkers: false });
    await held.stack.app.blobs.put(held.key, data);
    await held.stack.app.blobs.put('publications/p1/PULP_MANIFEST', Buffer.from('a.txt,abc,3\n'));
  });
  afterAll(async () => {
    await held.stack?.stop();
    await rm(held.dir, { recursive: true, force: true });
  });
  return held;
}

describe.each([{ backend: 's3' as const }, { backend: 'fs' as const }])('the local storage origin on the $backend store', ({ backend }) => {
  const held = storedStack(backend);

  it.each([
    { range: undefined, status: 200, slice: [0, 5000], contentRange: undefined },
    { range: 'bytes=100-199', status: 206, slice: [100, 200], contentRange: 'bytes 100-199/5000' },
    { range: 'bytes=-10', status: 206, slice: [4990, 5000], contentRange: 'bytes 4990-4999/5000' },
  ])('serves an artifact, immutable, for the range $range', async ({ range, status, slice, contentRange }) => {
    // Act
    const res = await fetch(await signed(held.stack, `${held.stack.url}/${held.key}`), { headers: range ? { range } : {} });
    const body = Buffer.from(await res.arrayBuffer());
    // Assess
    expect(res.status).toBe(status);
    expect(body.equals(held.data.subarray(slice[0], slice[1]))).toBe(true);
    expect(res.headers.get('content-range') ?? undefined).toBe(contentRange);
    expect(res.headers.get('cache-control')).toContain('immutable');
  });

  it.each([
    // Unsigned: refused before storage is asked (the signed case is below).
    { path: `/artifacts/00/00/${'0'.repeat(64)}`, status: 403 },
    { path: '/artifacts/../publications/p1/PULP_MANIFEST', status: 404 },
    { path: '/publications/p1/%2E%2E/p1/PULP_MANIFEST', status: 404 },
    { path: '/publications/p1/missing', status: 404 },
  ])('answers $status for $path', async ({ path: requested, status }) => {
    // Act: sent as written (fetch would resolve the dot segments first)
    const res = await rawGet(held.stack, requested);
    // Assess
    expect(res.status).toBe(status);
  });
});

describe('the local storage origin, for artifact URLs', () => {
  const held = storedStack('fs');

  it('answers 404 for a signed URL of an artifact it does not hold, 403 for a tampered one', async () => {
    // Prepare
    const missing = await signed(held.stack, `${held.stack.url}/artifacts/00/00/${'0'.repeat(64)}`);
    const tampered = (await signed(held.stack, `${held.stack.url}/${held.key}`)).replace(/Expires=\d+/, 'Expires=4102444800');
    // Act
    const [absent, forged] = await Promise.all([fetch(missing), fetch(tampered)]);
    // Assess
    expect(absent.status).toBe(404);
    expect(forged.status).toBe(403);
  });
});

describe('the local storage origin on the fs store, for presigned URLs', () => {
  const held = storedStack('fs');

  it('serves the URL presignGet gives, with the file name and type', async () => {
    // Act
    const url = await held.stack.app.blobs.presignGet('publications/p1/PULP_MANIFEST', {
      expiresInSeconds: 60,
      filename: 'PULP_MANIFEST',
      contentType: 'text/plain',
    });
    const res = await fetch(url);
    // Assess
    expect(url.startsWith(`${held.stack.url}/publications/p1/PULP_MANIFEST?`)).toBe(true);
    expect(await res.text()).toBe('a.txt,abc,3\n');
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(res.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''PULP_MANIFEST");
  });
});
