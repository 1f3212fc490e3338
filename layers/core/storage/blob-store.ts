import type { Readable } from 'node:stream';

/** Object storage for artifacts and published metadata (S3 in production and locally via moto). */
export interface BlobStore {
  /** Writes the object; a body already stored under a content-addressed key is left alone. */
  put(key: string, body: Buffer | Readable, options?: { contentType?: string; contentLength?: number }): Promise<void>;
  /**
   * Copies an object to another key inside the store (server-side where the store can);
   * `size` lets the store pick how. Used to move verified bytes under their content address.
   */
  copy(from: string, to: string, size: number): Promise<void>;
  exists(key: string): Promise<boolean>;
  size(key: string): Promise<number | undefined>;
  get(key: string, range?: { start: number; end?: number }): Promise<Readable>;
  delete(key: string): Promise<void>;
  /** A time-limited GET URL that sets the download's file name and type. */
  presignGet(key: string, options: { expiresInSeconds: number; filename?: string; contentType?: string }): Promise<string>;
}

/** Artifacts are keyed by sha256, fanned out so no single prefix grows hot. */
export function artifactKey(sha256: string): string {
  return `artifacts/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

/**
 * Where passing objects are kept: bytes whose digest is not known yet (downloads from a URL,
 * copied under artifactKey once hashed, then deleted), documents a fetcher hands a task, a
 * task's scratch. Anything left here (a crashed invocation, a failed task) expires after a
 * day through the bucket's lifecycle rule (infra/constructs/storage.ts), and in a folder at
 * the next `npm start`.
 */
export const TEMPORARY_PREFIX = 'tmp/';
