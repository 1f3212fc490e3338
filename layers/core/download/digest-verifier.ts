import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { DigestMismatchError } from './download-error';

/**
 * Passes bytes through while counting and hashing them; fails the stream (so a consumer such
 * as an S3 upload aborts instead of completing) when the size or sha256 differ from what was
 * expected. Oversized bodies fail as soon as they pass the expected size.
 */
export class DigestVerifier extends Transform {
  private readonly hash = createHash('sha256');
  bytes = 0;
  sha256: string | undefined;

  constructor(
    private readonly expected: { sha256?: string; size?: number; url: string; name: string },
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    const { size } = this.expected;
    if (size !== undefined && this.bytes > size) {
      done(this.sizeError());
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    this.sha256 = this.hash.digest('hex');
    const { size, sha256 } = this.expected;
    if (size !== undefined && this.bytes !== size) {
      done(this.sizeError());
    } else if (sha256 !== undefined && this.sha256 !== sha256) {
      done(new DigestMismatchError(this.expected.url, `The sha256 of ${this.expected.name} (${this.expected.url}) is ${this.sha256}, expected ${sha256}`));
    } else {
      done();
    }
  }

  private sizeError(): DigestMismatchError {
    return new DigestMismatchError(
      this.expected.url,
      `The size of ${this.expected.name} (${this.expected.url}) is ${this.bytes > (this.expected.size ?? 0) ? `more than ${this.expected.size}` : this.bytes} bytes, expected ${this.expected.size}`,
    );
  }
}
