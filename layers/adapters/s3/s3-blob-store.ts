import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Readable } from 'node:stream';
import type { BlobStore } from '../../core/storage/blob-store';

/** S3's limit for one CopyObject; larger objects are streamed through instead. */
const MAX_SINGLE_COPY = 5 * 1024 ** 3;

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
}

export class S3BlobStore implements BlobStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  /** Functions without a bucket (the sweeper) still build an App; they fail only if they use it. */
  private get name(): string {
    if (!this.bucket) throw new Error('CONTENT_BUCKET is not set: this function has no content storage');
    return this.bucket;
  }

  async put(key: string, body: Buffer | Readable, options: { contentType?: string; contentLength?: number } = {}): Promise<void> {
    if (Buffer.isBuffer(body)) {
      await this.s3.send(
        new PutObjectCommand({ Bucket: this.name, Key: key, Body: body, ContentType: options.contentType }),
      );
      return;
    }
    // Streams of unknown length go up as multipart, never buffered whole in memory.
    await new Upload({
      client: this.s3,
      params: { Bucket: this.name, Key: key, Body: body, ContentType: options.contentType },
      queueSize: 2,
      partSize: 8 * 1024 * 1024,
    }).done();
  }

  async copy(from: string, to: string, size: number): Promise<void> {
    if (size > MAX_SINGLE_COPY) {
      await this.put(to, await this.get(from), { contentLength: size });
      return;
    }
    const source = `${this.name}/${from.split('/').map(encodeURIComponent).join('/')}`;
    // A fresh full-object checksum for the copy: otherwise the copy may carry the source's
    // per-part (multipart) checksum, which moto then serves as if it covered the whole object
    // and the SDK's response validation fails every GET.
    await this.s3.send(new CopyObjectCommand({ Bucket: this.name, Key: to, CopySource: source, ChecksumAlgorithm: 'CRC32' }));
  }

  async exists(key: string): Promise<boolean> {
    return (await this.size(key)) !== undefined;
  }

  async size(key: string): Promise<number | undefined> {
    try {
      const head = await this.s3.send(new HeadObjectCommand({ Bucket: this.name, Key: key }));
      return head.ContentLength ?? 0;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async get(key: string, range?: { start: number; end?: number }): Promise<Readable> {
    const out = await this.s3.send(
      new GetObjectCommand({
        Bucket: this.name,
        Key: key,
        Range: range ? `bytes=${range.start}-${range.end ?? ''}` : undefined,
      }),
    );
    return out.Body as Readable;
  }

  async delete(key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.name, Key: key }));
  }

  async presignGet(
    key: string,
    options: { expiresInSeconds: number; filename?: string; contentType?: string },
  ): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.name,
      Key: key,
      ResponseContentDisposition: options.filename
        ? `attachment; filename*=UTF-8''${encodeURIComponent(options.filename)}`
        : undefined,
      ResponseContentType: options.contentType,
    });
    return getSignedUrl(this.s3, command, { expiresIn: options.expiresInSeconds });
  }
}
