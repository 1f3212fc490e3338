import { artifactKey } from '../core/storage/blob-store';

/**
 * Where clients fetch artifact bytes: the configured content origin (CloudFront), else the
 * host the viewer used (CloudFront forwards it as X-Forwarded-Host; locally it is Host).
 */
export function contentOrigin(configured: string | undefined, headers: Record<string, string | undefined>): string {
  if (configured) return configured.replace(/\/$/, '');
  const host = (headers['x-forwarded-host'] ?? headers.host ?? 'localhost').split(',')[0]!.trim();
  const proto = (headers['x-forwarded-proto'] ?? 'https').split(',')[0]!.trim();
  return `${proto}://${host}`;
}

/** The immutable, cacheable URL of an artifact behind `/artifacts/*`. */
export function artifactUrl(origin: string, sha256: string): string {
  return `${origin}/${artifactKey(sha256)}`;
}
