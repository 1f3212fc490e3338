import { pipeline, type Readable, Transform } from 'node:stream';
import { newId } from '../ids';
import { artifactKey, TEMPORARY_PREFIX, type BlobStore } from '../storage/blob-store';
import { checkDigests, DigestAccumulator, type ComputedDigests } from './digests';

/**
 * Stores a stream whose digests are not known in advance without holding it: one pass writes
 * it to a temporary key while hashing, then the store copies it under its sha256 key (server-
 * side in S3) unless those bytes are already there, and the temporary object is deleted. Nothing
 * unverified ever sits under an artifact key. Records nothing: the caller (or whoever it reports
 * to) does.
 */
export async function storeUnderDigest(
  blobs: BlobStore,
  body: Readable,
  expected: Partial<Record<string, string | number | null>> = {},
): Promise<ComputedDigests> {
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
    await blobs.put(temporary, pipeline(body, hashing, () => undefined));
    const digests = acc.digest();
    checkDigests(digests, expected);
    const key = artifactKey(digests.sha256);
    if ((await blobs.size(key)) !== digests.size) await blobs.copy(temporary, key, digests.size);
    return digests;
  } finally {
    await blobs.delete(temporary).catch(() => undefined);
  }
}
