/** Credentials carried by an `Authorization: Basic …` header. */
export interface BasicCredentials {
  username: string;
  password: string;
}

/**
 * Decodes a Basic Authorization header; undefined when it is absent or malformed, so the
 * caller answers "Invalid username/password." without telling why.
 */
export function parseBasicAuthorization(header: string | undefined): BasicCredentials | undefined {
  const m = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
