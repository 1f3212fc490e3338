import type { ArtifactService } from '../artifacts/artifact-service';
import { checkDigests, digestsOf } from '../artifacts/digests';
import { newId } from '../ids';
import type { Artifact } from '../models/artifact';
import type { Upload } from '../models/upload';
import type { UploadStore } from '../ports/upload-store';
import type { BlobStore } from '../storage/blob-store';

/** Bad chunk or commit input; the message is shown to the client. */
export class UploadError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const RANGE = /^bytes (\d+)-(\d+)\/(\d+|\*)$/;

/** Pulp's chunked uploads: chunks in S3 under `uploads/<id>/<offset>`, assembled on commit. */
export class UploadService {
  constructor(
    private readonly store: UploadStore,
    private readonly blobs: BlobStore,
    private readonly artifacts: ArtifactService,
  ) {}

  create(size: number): Promise<Upload> {
    return this.store.insert(newId(), size);
  }

  /** Stores one chunk at the range `Content-Range: bytes s-e/total` names. */
  async putChunk(upload: Upload, contentRange: string, data: Buffer, sha256?: string | null): Promise<Upload> {
    const m = RANGE.exec(contentRange.trim());
    if (!m) throw new UploadError('Content-Range', 'Invalid Content-Range header, expected "bytes start-end/total".');
    const start = Number(m[1]);
    const end = Number(m[2]);
    if (m[3] !== '*' && Number(m[3]) !== upload.size)
      throw new UploadError('Content-Range', `The total in Content-Range does not match the upload size ${upload.size}.`);
    if (end < start || end >= upload.size) throw new UploadError('Content-Range', 'The chunk does not fit in the upload.');
    if (end - start + 1 !== data.length) throw new UploadError('file', 'The chunk size does not match the Content-Range.');
    if (sha256) {
      try {
        checkDigests(digestsOf(data), { sha256 });
      } catch {
        throw new UploadError('sha256', 'The sha256 checksum did not match.');
      }
    }
    const key = `uploads/${upload.id}/${start}-${newId()}`;
    await this.blobs.put(key, data);
    const old = await this.store.putChunk(upload.id, { offset: start, size: data.length, storageKey: key });
    if (old) await this.blobs.delete(old).catch(() => undefined);
    return (await this.store.get(upload.id))!;
  }

  /** Assembles the chunks into an artifact (checked against `sha256`) and deletes the upload. */
  async commit(uploadId: string, sha256: string): Promise<Artifact> {
    const upload = await this.store.get(uploadId);
    if (!upload) throw new UploadError('upload', 'The upload does not exist.');
    const chunks = await this.store.chunkKeys(uploadId);
    let expected = 0;
    for (const c of chunks) {
      if (c.offset !== expected) throw new UploadError('upload', 'The upload is missing chunks or has overlapping ones.');
      expected += c.size;
    }
    if (expected !== upload.size) throw new UploadError('upload', `The chunks cover ${expected} of ${upload.size} bytes.`);
    const blobs = this.blobs;
    const artifact = await this.artifacts
      .storePieces(async function* () {
        for (const c of chunks) for await (const piece of await blobs.get(c.storageKey)) yield piece as Buffer;
      }, { sha256, size: upload.size })
      .catch((err: unknown) => {
        throw new UploadError('sha256', err instanceof Error ? err.message : String(err));
      });
    await this.delete(uploadId);
    return artifact;
  }

  get(id: string): Promise<Upload | undefined> {
    return this.store.get(id);
  }

  /** Joins the chunks into an artifact without checking a declared digest (content create from an upload). */
  async toArtifact(uploadId: string): Promise<Artifact> {
    const chunks = await this.store.chunkKeys(uploadId);
    const blobs = this.blobs;
    const artifact = await this.artifacts.storePieces(async function* () {
      for (const c of chunks) for await (const piece of await blobs.get(c.storageKey)) yield piece as Buffer;
    });
    await this.delete(uploadId);
    return artifact;
  }

  async delete(uploadId: string): Promise<void> {
    const chunks = await this.store.chunkKeys(uploadId);
    await this.store.delete(uploadId);
    for (const c of chunks) await this.blobs.delete(c.storageKey).catch(() => undefined);
  }
}
