import { randomBytes } from 'node:crypto';
import { hmac, verifiesWith, type HmacKeyRing } from './hmac-keys';

/** Pulp's ContentRedirectContentGuard.EXPIRETIME: a preauthenticated URL works for an hour. */
export const REDIRECT_URL_SECONDS = 3600;

/** Each guard signs with its own key, derived from the deployment's: rotating that rotates them all. */
const guardKey = (key: Buffer, guardId: string) => hmac(key, 'content_redirect\u0000', guardId);

const digestOf = (key: Buffer, guardId: string, salt: Buffer, path: string, query: string) =>
  hmac(guardKey(key, guardId), salt, path, '?', query);

/**
 * Pulp's preauthenticated URL: `?expires=<epoch>&validate_token=<hex salt>:<hex digest>`, the
 * digest covering the path and every query parameter before the token.
 */
export function preauthenticateUrl(ring: HmacKeyRing, guardId: string, url: string, now = Date.now(), seconds = REDIRECT_URL_SECONDS): string {
  const parsed = new URL(url, 'http://placeholder');
  const expires = Math.floor(now / 1000) + seconds;
  const query = [parsed.search.slice(1), `expires=${expires}`].filter(Boolean).join('&');
  const salt = randomBytes(16);
  const digest = digestOf(ring.current, guardId, salt, parsed.pathname, query);
  const signed = `${parsed.pathname}?${query}&validate_token=${salt.toString('hex')}:${digest.toString('hex')}`;
  return url.startsWith('/') ? signed : `${parsed.origin}${signed}`;
}

/** Why a request's preauthentication fails; undefined when it is valid and unexpired. */
export function redirectUrlProblem(ring: HmacKeyRing, guardId: string, path: string, rawQuery: string, now = Date.now()): string | undefined {
  const at = rawQuery.lastIndexOf('validate_token=');
  if (at < 0 || (at > 0 && rawQuery[at - 1] !== '&')) return 'Access not authenticated';
  const signedQuery = at > 0 ? rawQuery.slice(0, at - 1) : '';
  const [hexSalt, hexDigest, ...rest] = rawQuery.slice(at + 'validate_token='.length).split(':');
  const expires = new URLSearchParams(signedQuery).get('expires');
  if (!expires || !/^\d+$/.test(expires) || !hexSalt || !hexDigest || rest.length) return 'Access not authenticated';
  if (Math.floor(now / 1000) > Number(expires)) return 'Authentication expired';
  const salt = Buffer.from(hexSalt, 'hex');
  const digest = Buffer.from(hexDigest, 'hex');
  return verifiesWith(ring, digest, (key) => digestOf(key, guardId, salt, path, signedQuery)) ? undefined : 'Access not authenticated';
}
