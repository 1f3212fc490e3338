import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { artifactKey, type BlobStore } from '../../../../layers/core/storage/blob-store';

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
const unique = (prefix: string): string => `${prefix}/${randomBytes(6).toString('hex')}`;

/** Bytes as a stream of several chunks, optionally failing after them (a digest mismatch). */
function streamOf(data: Buffer, failAtEnd = false): Readable {
  const parts = [data.subarray(0, 10), data.subarray(10, 500), data.subarray(500)];
  return Readable.from(
    (async function* () {
      for (const part of parts) yield part;
      if (failAtEnd) throw new Error('digest mismatch');
    })(),
  );
}

/**
 * What every BlobStore must do, whichever backend: the file plugin relies on each of these
 * (verified streams, ranges for the artifacts origin, copy under the content address,
 * NoSuchKey on a missing key).
 */
export function describeBlobStoreContract(name: string, store: () => BlobStore): void {
  describe(`${name}: the BlobStore contract`, () => {
    it.each([
      { body: 'a buffer', make: (data: Buffer) => data },
      { body: 'a stream of chunks', make: (data: Buffer) => streamOf(data) },
    ])('stores $body and gives the same bytes back, with its size', async ({ make }) => {
      // Prepare
      const data = randomBytes(3000);
      const key = unique('uploads');
      // Act
      await store().put(key, make(data));
      // Assess
      expect((await readAll(await store().get(key))).equals(data)).toBe(true);
      expect(await store().size(key)).toBe(data.length);
      expect(await store().exists(key)).toBe(true);
    });

    it('stores nothing under the key when the body fails part way', async () => {
      // Prepare
      const key = unique('tmp');
      // Act
      const put = store().put(key, streamOf(randomBytes(3000), true));
      // Assess
      await expect(put).rejects.toThrow();
      expect(await store().size(key)).toBeUndefined();
    });

    it.each([
      { range: { start: 0, end: 0 }, slice: [0, 1] },
      { range: { start: 2, end: 5 }, slice: [2, 6] },
      { range: { start: 2990 }, slice: [2990, 3000] },
      { range: { start: 10, end: 2999 }, slice: [10, 3000] },
    ])('reads the byte range $range', async ({ range, slice }) => {
      // Prepare
      const data = randomBytes(3000);
      const key = unique('uploads');
      await store().put(key, data);
      // Act
      const part = await readAll(await store().get(key, range));
      // Assess
      expect(part.equals(data.subarray(slice[0], slice[1]))).toBe(true);
    });

    it('copies an object under its content address and keeps the source', async () => {
      // Prepare
      const data = randomBytes(2048);
      const from = unique('tmp');
      const to = artifactKey(sha256(data));
      await store().put(from, data);
      // Act
      await store().copy(from, to, data.length);
      // Assess
      expect((await readAll(await store().get(to))).equals(data)).toBe(true);
      expect(await store().exists(from)).toBe(true);
    });

    it('deletes an object, and deleting a missing one is no error', async () => {
      // Prepare
      const key = unique('uploads');
      await store().put(key, randomBytes(10));
      // Act
      await store().delete(key);
      await store().delete(key);
      // Assess
      expect(await store().exists(key)).toBe(false);
    });

    it('reports a missing key as NoSuchKey on get and as no size', async () => {
      // Act
      const [get, size] = await Promise.allSettled([store().get(unique('uploads')), store().size(unique('uploads'))]);
      // Assess
      expect(get).toMatchObject({ status: 'rejected', reason: { name: 'NoSuchKey' } });
      expect(size).toEqual({ status: 'fulfilled', value: undefined });
    });

    it('presigns a GET that names the file and its type', async () => {
      // Prepare
      const data = randomBytes(64);
      const key = artifactKey(sha256(data));
      await store().put(key, data);
      // Act
      const url = new URL(await store().presignGet(key, { expiresInSeconds: 60, filename: 'a b.txt', contentType: 'text/plain' }));
      // Assess
      expect(decodeURIComponent(url.pathname)).toContain(key);
      expect(url.searchParams.get('response-content-disposition')).toBe("attachment; filename*=UTF-8''a%20b.txt");
      expect(url.searchParams.get('response-content-type')).toBe('text/plain');
    });
  });
}
