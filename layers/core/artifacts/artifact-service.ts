import { Readable } from 'node:stream';
import type { Artifact, ArtifactDigests } from '../models/artifact';
import type { ArtifactStore } from '../ports/artifact-store';
import { artifactKey, type BlobStore } from '../storage/blob-store';
import { runPool } from '../download/run-pool';
import { checkDigests, DigestAccumulator, digestsOf } from './digests';
import { storeUnderDigest } from './store-under-digest';

/** Existence checks (HEAD in S3, stat on disk) run this many at a time. */
const EXISTENCE_CHECKS = 16;

/** An artifact that content still uses cannot be deleted. */
export class ArtifactInUse extends Error {}

/** Artifacts: bytes in S3 under their sha256, one row per sha256. */
export class ArtifactService {
  constructor(
    private readonly store: ArtifactStore,
    private readonly blobs: BlobStore,
  ) {}

  /** Records an artifact whose bytes are already at artifactKey(sha256). */
  ensureArtifact(digests: ArtifactDigests): Promise<Artifact> {
    return this.store.ensure(digests);
  }

  /** Records many artifacts whose bytes are stored (a sync's downloads), in one round trip. */
  ensureArtifacts(digests: readonly ArtifactDigests[]): Promise<Artifact[]> {
    return digests.length ? this.store.ensureMany(digests) : Promise.resolve([]);
  }

  get(id: string): Promise<Artifact | undefined> {
    return this.store.get(id);
  }

  /**
   * Artifact ids of those of these sha256s whose rows exist AND whose bytes are stored: a row
   * that outlived its bytes (storage lost, a crash between write and record) is not trusted,
   * so the caller fetches the file again instead of serving a redirect to nothing.
   */
  async present(sha256s: string[]): Promise<Map<string, string>> {
    const known = [...(await this.store.known(sha256s))];
    const present = new Map<string, string>();
    await runPool(known, EXISTENCE_CHECKS, async ([sha256, id]) => {
      if (await this.blobs.exists(artifactKey(sha256))) present.set(sha256, id);
    });
    return present;
  }

  /** The stored bytes of an artifact, whole (small files: package metadata, manifests). */
  async read(artifact: Pick<Artifact, 'sha256'>, limit = 64 * 1024 * 1024): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of await this.blobs.get(artifactKey(artifact.sha256))) {
      total += (chunk as Buffer).length;
      if (total > limit) throw new Error(`The artifact ${artifact.sha256} is larger than ${limit} bytes.`);
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  }

  /** Hashes, verifies `expected`, stores (once per sha256) and records the bytes. */
  async storeBytes(data: Buffer, expected: Partial<Record<string, string | number | null>> = {}): Promise<Artifact> {
    const digests = digestsOf(data);
    checkDigests(digests, expected, data);
    const key = artifactKey(digests.sha256);
    if ((await this.blobs.size(key)) !== digests.size) await this.blobs.put(key, data);
    return this.store.ensure(digests);
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
    return this.store.ensure(digests);
  }

  /**
   * Stores a stream whose digests are not known in advance (a download from a URL) without
   * holding it, then records it (see storeUnderDigest).
   */
  async storeStream(body: Readable, expected: Partial<Record<string, string | number | null>> = {}): Promise<Artifact> {
    return this.store.ensure(await storeUnderDigest(this.blobs, body, expected));
  }

  /** Deletes an unused artifact and its bytes. */
  async delete(id: string): Promise<boolean> {
    const artifact = await this.store.get(id);
    if (!artifact) return false;
    if (await this.store.isUsed(id)) throw new ArtifactInUse('The artifact is used by content and cannot be deleted.');
    await this.store.delete(id);
    await this.blobs.delete(artifactKey(artifact.sha256));
    return true;
  }
}
