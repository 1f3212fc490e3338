import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * `pulp_<id>_<secret>`: the id finds the row, the 256-bit secret proves possession. A secret
 * that long needs no slow hash: its SHA-256 is what is stored.
 */
const TOKEN = /^pulp_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

/** Basic auth's username for a token that names its own user, as PyPI's `__token__`. */
export const TOKEN_USERNAME = '__token__';

export function newToken(): { id: string; token: string; secretHash: string } {
  const hex = randomBytes(16).toString('hex');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const secret = randomBytes(32).toString('base64url');
  return { id, token: `pulp_${hex}_${secret}`, secretHash: hashSecret(secret) };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The token's row id and secret; undefined when the password is not shaped like a token. */
export function parseToken(password: string): { id: string; secret: string } | undefined {
  const m = TOKEN.exec(password);
  if (!m) return undefined;
  const hex = m[1]!;
  return { id: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`, secret: m[2]! };
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
