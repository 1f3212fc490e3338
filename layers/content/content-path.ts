/** A request path below `/pulp/content/`, decoded and checked. */
export interface ContentPath {
  /** Decoded segments joined with `/`, e.g. `dist/dir/my file.txt` (no trailing slash). */
  path: string;
  /** The request asked for a directory (`.../`). */
  directory: boolean;
}

/**
 * Decodes the still-encoded path after the content prefix (Function URLs keep rawPath
 * encoded). Each segment is decoded on its own, so `%2F` cannot invent a directory; malformed
 * escapes, empty, `.` and `..` segments and control characters make the path unservable.
 */
export function decodeContentPath(encoded: string): ContentPath | undefined {
  const directory = encoded.endsWith('/');
  const trimmed = directory ? encoded.slice(0, -1) : encoded;
  if (trimmed === '') return { path: '', directory: true };
  const segments: string[] = [];
  for (const raw of trimmed.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (segment === '' || segment === '.' || segment === '..' || segment.includes('/') || /[\u0000-\u001f\u007f]/.test(segment)) {
      return undefined;
    }
    segments.push(segment);
  }
  return { path: segments.join('/'), directory };
}

/** The inverse for links and redirects: each segment percent-encoded. */
export function encodeContentPath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
