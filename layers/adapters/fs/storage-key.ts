/**
 * A key as a relative path of safe segments: no empty, `.` or `..` segment, no backslash or
 * NUL, nothing hidden at the top (the store keeps its staging area there). Keys come from
 * our own code, but a path-like name in one must never reach outside the storage directory.
 */
export function checkedKey(key: string): string {
  const segments = key.split('/');
  const bad = segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('\\') || s.includes('\0'));
  if (bad || key.startsWith('.')) throw new Error(`Invalid storage key: ${JSON.stringify(key)}`);
  return key;
}

/**
 * Keys named by their content's digest: whatever is stored there is already the right bytes,
 * so a second write of the same key leaves the first in place.
 */
export function isContentAddressed(key: string): boolean {
  return key.startsWith('artifacts/');
}
