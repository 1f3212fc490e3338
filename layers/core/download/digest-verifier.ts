import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { DigestMismatchError } from './download-error';

interface Expected {
  sha256?: string;
  size?: number;
  url: string;
  name: string;
}

/**
 * Counts and hashes bytes as they arrive: update() throws as soon as they pass the expected
 * size, finish() when the size or sha256 differ from what was expected.
 */
export class DigestCheck {
  private readonly hash = createHash('sha256');
  bytes = 0;

  constructor(private readonly expected: Expected) {}

  update(chunk: Buffer): void {
    this.bytes += chunk.length;
    const { size } = this.expected;
    if (size !== undefined && this.bytes > size) throw this.sizeError();
    this.hash.update(chunk);
  }

  finish(): void {
    const actual = this.hash.digest('hex');
    const { size, sha256, url, name } = this.expected;
    if (size !== undefined && this.bytes !== size) throw this.sizeError();
    if (sha256 !== undefined && actual !== sha256) throw new DigestMismatchError(url, `The sha256 of ${name} (${url}) is ${actual}, expected ${sha256}`);
  }

  private sizeError(): DigestMismatchError {
    const { size, url, name } = this.expected;
    return new DigestMismatchError(url, `The size of ${name} (${url}) is ${this.bytes > (size ?? 0) ? `more than ${size}` : this.bytes} bytes, expected ${size}`);
  }
}

/**
 * Passes bytes through a DigestCheck; fails the stream (so a consumer such as an S3 upload
 * aborts instead of completing) when the size or sha256 differ from what was expected.
 */
export class DigestVerifier extends Transform {
  private readonly check: DigestCheck;

  constructor(expected: Expected) {
    super();
    this.check = new DigestCheck(expected);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.check.update(chunk);
    } catch (error) {
      done(error as Error);
      return;
    }
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    try {
      this.check.finish();
    } catch (error) {
      done(error as Error);
      return;
    }
    done();
  }
}
