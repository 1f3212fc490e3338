import { pipeline, Readable } from 'node:stream';
import { artifactKey, type BlobStore } from '../storage/blob-store';
import { DigestVerifier } from './digest-verifier';
import { DownloadError } from './download-error';
import type { HttpDownloader } from './http-downloader';

/** Bodies up to this size are verified in memory before one PUT; larger ones stream as multipart. */
const IN_MEMORY_LIMIT = 8 * 1024 * 1024;

export interface ExpectedFile {
  url: string;
  name: string;
  sha256: string;
  /** Unknown sizes (some remote artifacts) stream; only the sha256 is checked then. */
  size?: number;
}

/**
 * Downloads one file into the blob store under its sha256 key, verifying size and sha256 on
 * the way. Wrong bytes never land under the key: small files are checked before the PUT, large
 * ones fail the stream so the multipart upload is aborted instead of completed. Returns the
 * number of bytes stored.
 */
export async function fetchArtifact(downloader: HttpDownloader, blobs: BlobStore, file: ExpectedFile): Promise<number> {
  const key = artifactKey(file.sha256);
  return downloader.fetch(file.url, async (body: Readable) => {
    const verifier = new DigestVerifier(file);
    const verified = pipeline(body, verifier, () => undefined);
    if (file.size !== undefined && file.size > IN_MEMORY_LIMIT) {
      await blobs.put(key, verified, { contentLength: file.size });
      return file.size;
    }
    // Known to be small, or of unknown size (index pages rarely give one): read up to the
    // limit; a body that is still going streams on from there.
    const chunks: Buffer[] = [];
    let total = 0;
    const pieces = verified[Symbol.asyncIterator]();
    for (;;) {
      const next = await pieces.next();
      if (next.done) {
        await blobs.put(key, Buffer.concat(chunks), { contentLength: total });
        return total;
      }
      chunks.push(next.value as Buffer);
      total += (next.value as Buffer).length;
      if (total > IN_MEMORY_LIMIT) {
        const rest = async function* () {
          yield* chunks;
          for (let more = await pieces.next(); !more.done; more = await pieces.next()) {
            total += (more.value as Buffer).length;
            yield more.value as Buffer;
          }
        };
        await blobs.put(key, Readable.from(rest()), { contentLength: file.size });
        return total;
      }
    }
  });
}

/** Reads a whole (metadata) body as text, refusing more than `limit` bytes. */
export async function readText(body: Readable, limit: number, url: string): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += (chunk as Buffer).length;
    if (total > limit) throw new DownloadError(url, `larger than ${limit} bytes; refusing to read it as metadata`, false);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
