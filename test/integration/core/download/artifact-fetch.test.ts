import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchArtifact } from '../../../../layers/core/download/artifact-fetch';
import { DEFAULT_DOWNLOAD_OPTIONS } from '../../../../layers/core/download/download-options';
import { HttpDownloader } from '../../../../layers/core/download/http-downloader';
import { artifactKey, type BlobStore } from '../../../../layers/core/storage/blob-store';
import { closeServer, listenLocal } from '../../../support/local-server';

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** Keeps what is put in memory, noting whether it came as one buffer or as a stream. */
class MemoryBlobs {
  readonly objects = new Map<string, { data: Buffer; streamed: boolean }>();

  async put(key: string, body: Buffer | Readable): Promise<void> {
    if (Buffer.isBuffer(body)) {
      this.objects.set(key, { data: body, streamed: false });
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    this.objects.set(key, { data: Buffer.concat(chunks), streamed: true });
  }
}

describe('fetchArtifact stores a verified download and says how many bytes', () => {
  let server: Server;
  let base = '';
  const small = randomBytes(3000);
  const large = randomBytes(9 * 1024 * 1024);

  beforeAll(async () => {
    // No Content-Length: sizes are what the index said, or nothing.
    server = createServer((req, res) => {
      const body = req.url === '/large' ? large : small;
      res.writeHead(200, { 'transfer-encoding': 'chunked' });
      for (let i = 0; i < body.length; i += 65536) res.write(body.subarray(i, i + 65536));
      res.end();
    });
    base = await listenLocal(server);
  });

  afterAll(async () => {
    await closeServer(server);
  });

  it.each([
    ['a small file of unknown size in one PUT', '/small', small, undefined, false],
    ['a small file of known size in one PUT', '/small', small, small.length, false],
    ['a large file of unknown size streamed on past the limit', '/large', large, undefined, true],
    ['a large file of known size streamed', '/large', large, large.length, true],
  ])('stores %s', async (_what, path, data, size, streamed) => {
    // Prepare
    const blobs = new MemoryBlobs();
    const downloader = new HttpDownloader(DEFAULT_DOWNLOAD_OPTIONS, 1);

    // Act
    const bytes = await fetchArtifact(downloader, blobs as unknown as BlobStore, { url: `${base}${path}`, name: path, sha256: sha256(data), size });
    downloader.close();

    // Assess
    expect(bytes).toBe(data.length);
    const stored = blobs.objects.get(artifactKey(sha256(data)));
    expect(stored?.streamed).toBe(streamed);
    expect(stored?.data.equals(data)).toBe(true);
  });

  it.each([
    ['small', '/small'],
    ['large', '/large'],
  ])('stores nothing when the %s bytes are not the expected ones', async (_what, path) => {
    // Prepare
    const blobs = new MemoryBlobs();
    const downloader = new HttpDownloader({ ...DEFAULT_DOWNLOAD_OPTIONS, maxRetries: 0 }, 1);
    const wrong = 'f'.repeat(64);

    // Act
    const fetching = fetchArtifact(downloader, blobs as unknown as BlobStore, { url: `${base}${path}`, name: path, sha256: wrong });

    // Assess
    await expect(fetching).rejects.toThrow();
    downloader.close();
    expect(blobs.objects.has(artifactKey(wrong))).toBe(false);
  });
});
