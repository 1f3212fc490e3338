// Reading a .tar.gz as a stream: gunzip chunk by chunk into the tar parser, stopping early once
// the caller has what it needs and refusing to decompress past the total limit.

import { createGunzip } from 'node:zlib';
import { isPythonClientError } from '../client-error';
import { archiveLimit, DEFAULT_ARCHIVE_LIMITS, invalidArchive } from './limits';
import { TarParser, type TarEntry, type TarParserOptions } from './tar-parser';

const GZIP_MAGIC = [0x1f, 0x8b];

export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

/** Reads a gzip-compressed tar; rejects with a `PythonClientError` when malformed or too large. */
export function readTarGz(bytes: Uint8Array, options: TarParserOptions = {}): Promise<TarEntry[]> {
  if (!isGzip(bytes)) return Promise.reject(invalidArchive('not a gzip file'));
  const limits = options.limits ?? DEFAULT_ARCHIVE_LIMITS;
  const parser = new TarParser({ ...options, limits });
  const gunzip = createGunzip({ chunkSize: 64 * 1024 });
  let total = 0;
  return new Promise<TarEntry[]>((resolve, reject) => {
    const fail = (error: unknown): void => {
      gunzip.destroy();
      reject(isPythonClientError(error) ? error : invalidArchive('corrupt gzip data'));
    };
    gunzip.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > limits.maxTotalSize) return fail(archiveLimit(`more than ${limits.maxTotalSize} bytes uncompressed`));
      try {
        parser.push(chunk);
      } catch (error) {
        return fail(error);
      }
      if (parser.done) {
        gunzip.destroy();
        resolve(parser.entries);
      }
    });
    gunzip.on('end', () => {
      try {
        parser.end();
        resolve(parser.entries);
      } catch (error) {
        fail(error);
      }
    });
    gunzip.on('error', fail);
    gunzip.end(bytes);
  });
}
