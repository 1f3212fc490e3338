import { pipeline, Readable } from 'node:stream';
import { artifactKey, type BlobStore } from '../storage/blob-store';
import { DigestCheck, DigestVerifier } from './digest-verifier';
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
    if (file.size !== undefined && file.size > IN_MEMORY_LIMIT) {
      await blobs.put(key, pipeline(body, new DigestVerifier(file), () => undefined), { contentLength: file.size });
      return file.size;
    }
    // Known to be small, or of unknown size (index pages rarely give one): read up to the
    // limit, checking as the bytes come (no stream pipeline per file: a sync has thousands);
    // a body that is still going streams on from there through the same check.
    const check = new DigestCheck(file);
    const chunks: Buffer[] = [];
    const pieces = body[Symbol.asyncIterator]();
    for (;;) {
      const next = await pieces.next();
      if (next.done) {
        check.finish();
        await blobs.put(key, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), { contentLength: check.bytes });
        return check.bytes;
      }
      check.update(next.value as Buffer);
      chunks.push(next.value as Buffer);
      if (check.bytes > IN_MEMORY_LIMIT) {
        const rest = async function* () {
          yield* chunks;
          for (let more = await pieces.next(); !more.done; more = await pieces.next()) {
            check.update(more.value as Buffer);
            yield more.value as Buffer;
          }
          // Wrong bytes fail the stream before its end: the store never completes the object.
          check.finish();
        };
        await blobs.put(key, Readable.from(rest()), { contentLength: file.size });
        return check.bytes;
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
