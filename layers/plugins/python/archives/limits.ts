// Bounds on what reading an untrusted archive may cost. Uploads are capped in size, but
// compression multiplies them (deflate up to ~1000×), so every reader checks these.

import { PythonClientError } from '../client-error';

export interface ArchiveLimits {
  /** Entries (members, headers) an archive may have. */
  readonly maxEntries: number;
  /** Uncompressed bytes of any one entry that is read. */
  readonly maxEntrySize: number;
  /** Uncompressed bytes read from the whole archive (a tar.gz is decompressed up to here). */
  readonly maxTotalSize: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 100_000,
  maxEntrySize: 64 * 1024 * 1024,
  maxTotalSize: 1024 * 1024 * 1024,
};

export function archiveLimit(what: string): PythonClientError {
  return new PythonClientError('archive-limit', `The archive exceeds a limit: ${what}`);
}

export function invalidArchive(reason: string): PythonClientError {
  return new PythonClientError('invalid-archive', `Invalid archive: ${reason}`);
}

/**
 * Whether a member path is safe to name: relative, no `..` segment, no NUL, no drive letter.
 * Readers refuse archives with any other (a distribution never needs one).
 */
export function isSafeEntryPath(path: string): boolean {
  if (path === '' || path.includes('\0')) return false;
  const normalized = path.replace(/\\/g, '/');
  if (normalized.startsWith('/') || /^[A-Za-z]:/.test(normalized)) return false;
  return !normalized.split('/').includes('..');
}

export function checkEntryPath(path: string): void {
  if (!isSafeEntryPath(path)) throw invalidArchive(`unsafe member path '${path.replace(/\0/g, '\\0')}'`);
}
