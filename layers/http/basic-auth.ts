import { textProblem } from './schema/text-rules';

/** Credentials carried by an `Authorization: Basic …` header. */
export interface BasicCredentials {
  username: string;
  password: string;
}

/** Django's username bound: a longer one names no user. */
const MAX_USERNAME_LENGTH = 150;

/**
 * Decodes a Basic Authorization header; undefined when it is absent or malformed, so the
 * caller answers "Invalid username/password." without telling why. A username that no user
 * can have (control characters, NUL, too long) never reaches the user lookup.
 */
export function parseBasicAuthorization(header: string | undefined): BasicCredentials | undefined {
  const m = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  const username = decoded.slice(0, colon);
  if (username.length > MAX_USERNAME_LENGTH || textProblem(username) !== undefined) return undefined;
  return { username, password: decoded.slice(colon + 1) };
}
