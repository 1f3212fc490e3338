import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ArtifactService } from '../../../../layers/core/artifacts/artifact-service';
import { isDownloadableUrl } from '../../../../layers/core/download/url-download-service';
import type { ArtifactDigests } from '../../../../layers/core/models/artifact';
import type { ArtifactStore } from '../../../../layers/core/ports/artifact-store';
import { artifactKey, type BlobStore } from '../../../../layers/core/storage/blob-store';

/** An in-memory blob store that records the calls storeStream makes. */
class MemoryBlobs implements Partial<BlobStore> {
  readonly objects = new Map<string, Buffer>();
  readonly copies: Array<[string, string]> = [];

  async put(key: string, body: Buffer | Readable): Promise<void> {
    const chunks: Buffer[] = [];
    if (Buffer.isBuffer(body)) chunks.push(body);
    else for await (const chunk of body) chunks.push(chunk as Buffer);
    this.objects.set(key, Buffer.concat(chunks));
  }

  async copy(from: string, to: string): Promise<void> {
    this.copies.push([from, to]);
    this.objects.set(to, this.objects.get(from)!);
  }

  async size(key: string): Promise<number | undefined> {
    return this.objects.get(key)?.length;
  }

  async delete(key: string): Promise<void> {
    this.objects.delete(key);
  }
}

function service(blobs: MemoryBlobs): { artifacts: ArtifactService; recorded: ArtifactDigests[] } {
  const recorded: ArtifactDigests[] = [];
  const store = {
    ensure: async (digests: ArtifactDigests) => {
      recorded.push(digests);
      return { id: 'a1', ...digests };
    },
  } as unknown as ArtifactStore;
  return { artifacts: new ArtifactService(store, blobs as unknown as BlobStore), recorded };
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('ArtifactService.storeStream', () => {
  it('hashes while writing to tmp/, copies under the sha256 key, records all digests and leaves no temporary object', async () => {
    // Prepare
    const blobs = new MemoryBlobs();
    const { artifacts, recorded } = service(blobs);
    const data = randomBytes(100_000);

    // Act
    await artifacts.storeStream(Readable.from([data.subarray(0, 30_000), data.subarray(30_000)]));

    // Assess
    expect(recorded).toEqual([expect.objectContaining({ sha256: sha256(data), size: data.length, sha512: expect.stringMatching(/^[0-9a-f]{128}$/) })]);
    expect(blobs.copies).toEqual([[expect.stringMatching(/^tmp\//), artifactKey(sha256(data))]]);
    expect([...blobs.objects.keys()]).toEqual([artifactKey(sha256(data))]);
    expect(blobs.objects.get(artifactKey(sha256(data)))!.equals(data)).toBe(true);
  });

  it('does not copy bytes that are already stored', async () => {
    // Prepare
    const blobs = new MemoryBlobs();
    const { artifacts } = service(blobs);
    const data = randomBytes(500);
    blobs.objects.set(artifactKey(sha256(data)), data);

    // Act
    await artifacts.storeStream(Readable.from([data]));

    // Assess
    expect(blobs.copies).toEqual([]);
    expect([...blobs.objects.keys()]).toEqual([artifactKey(sha256(data))]);
  });

  it('fails with the body, records nothing and deletes the temporary object', async () => {
    // Prepare
    const blobs = new MemoryBlobs();
    const { artifacts, recorded } = service(blobs);
    const body = new Readable({ read() {} });
    body.push(randomBytes(100));
    setImmediate(() => body.destroy(new Error('connection reset')));

    // Act
    const stored = artifacts.storeStream(body);

    // Assess
    await expect(stored).rejects.toThrow('connection reset');
    expect(recorded).toEqual([]);
    expect(blobs.copies).toEqual([]);
    expect(blobs.objects.size).toBe(0);
  });
});

describe('isDownloadableUrl', () => {
  it.each([
    ['http://example.com/a.iso', true],
    ['https://user:pw@example.com:8443/a?b=c', true],
    ['ftp://example.com/a.iso', false],
    ['file:///etc/passwd', false],
    ['http://', false],
    ['example.com/a.iso', false],
    ['', false],
  ])('%s -> %s', (url, expected) => {
    // Act
    const ok = isDownloadableUrl(url);
    // Assess
    expect(ok).toBe(expected);
  });
});
