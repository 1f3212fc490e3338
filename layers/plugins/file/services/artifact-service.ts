import { pipeline, Readable, Transform } from 'node:stream';
import { newId } from '../../../core/ids';
import { artifactKey, TEMPORARY_PREFIX, type BlobStore } from '../../../core/storage/blob-store';
import type { Artifact, ArtifactDigests } from '../model';
import type { FileData } from '../ports';
import { checkDigests, DigestAccumulator, digestsOf } from './digests';

/** An artifact that content still uses cannot be deleted. */
export class ArtifactInUse extends Error {}

/** Artifacts: bytes in S3 under their sha256, one row per sha256. */
export class ArtifactService {
  constructor(
    private readonly data: FileData,
    private readonly blobs: BlobStore,
  ) {}

  /** Records an artifact whose bytes are already at artifactKey(sha256). */
  ensureArtifact(digests: ArtifactDigests): Promise<Artifact> {
    return this.data.artifacts.ensure(digests);
  }

  /** Hashes, verifies `expected`, stores (once per sha256) and records the bytes. */
  async storeBytes(data: Buffer, expected: Partial<Record<string, string | number | null>> = {}): Promise<Artifact> {
    const digests = digestsOf(data);
    checkDigests(digests, expected, data);
    const key = artifactKey(digests.sha256);
    if ((await this.blobs.size(key)) !== digests.size) await this.blobs.put(key, data);
    return this.data.artifacts.ensure(digests);
  }

  /**
   * Stores bytes that come as a sequence of pieces (upload chunks) without holding them all:
   * one pass hashes, a second streams them into the artifact's key.
   */
  async storePieces(read: () => AsyncIterable<Buffer>, expected: Partial<Record<string, string | number | null>> = {}): Promise<Artifact> {
    const acc = new DigestAccumulator();
    for await (const piece of read()) acc.update(piece);
    const digests = acc.digest();
    checkDigests(digests, expected);
    const key = artifactKey(digests.sha256);
    if ((await this.blobs.size(key)) !== digests.size) {
      await this.blobs.put(key, Readable.from(read()), { contentLength: digests.size });
    }
    return this.data.artifacts.ensure(digests);
  }

  /**
   * Stores a stream whose digests are not known in advance (a download from a URL) without
   * holding it: one pass writes it to a temporary key while hashing, then the store copies it
   * under its sha256 key (server-side in S3) unless those bytes are already there, and the
   * temporary object is deleted. Nothing unverified ever sits under an artifact key.
   */
  async storeStream(body: Readable, expected: Partial<Record<string, string | number | null>> = {}): Promise<Artifact> {
    const acc = new DigestAccumulator();
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        acc.update(chunk);
        done(null, chunk);
      },
    });
    const temporary = `${TEMPORARY_PREFIX}${newId()}`;
    try {
      // pipeline() passes a failing body on to `hashing`, so the upload aborts instead of completing.
      await this.blobs.put(temporary, pipeline(body, hashing, () => undefined));
      const digests = acc.digest();
      checkDigests(digests, expected);
      const key = artifactKey(digests.sha256);
      if ((await this.blobs.size(key)) !== digests.size) await this.blobs.copy(temporary, key, digests.size);
      return await this.data.artifacts.ensure(digests);
    } finally {
      await this.blobs.delete(temporary).catch(() => undefined);
    }
  }

  /** Deletes an unused artifact and its bytes. */
  async delete(id: string): Promise<boolean> {
    const artifact = await this.data.artifacts.get(id);
    if (!artifact) return false;
    if (await this.data.artifacts.isUsed(id)) throw new ArtifactInUse('The artifact is used by content and cannot be deleted.');
    await this.data.artifacts.delete(id);
    await this.blobs.delete(artifactKey(artifact.sha256));
    return true;
  }
}
