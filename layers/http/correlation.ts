import { randomUUID } from 'node:crypto';

/** The response header name, cased as Pulp (django-guid) sends it; pulp-cli -vv shows it. */
export const CORRELATION_HEADER = 'Correlation-ID';

/**
 * What Python's `uuid.UUID(text)` accepts, which is django-guid's test: optional `urn:` /
 * `uuid:` prefixes and braces, dashes anywhere, 32 hex digits. pulp-cli's own test sends
 * `deadbeefdeadbeefdeadbeefdeadbeef`.
 */
export function isCorrelationId(value: string): boolean {
  const hex = value.replace(/urn:/g, '').replace(/uuid:/g, '').replace(/^\{+|\}+$/g, '').replace(/-/g, '');
  return /^[0-9a-fA-F]{32}$/.test(hex);
}

/**
 * Echo the client's id verbatim when it parses as a UUID (pulp-glue fails unless the value it
 * sent comes back unchanged), otherwise issue a fresh one, like django-guid.
 */
export function correlationIdFor(headers: Record<string, string>): string {
  const sent = headers['correlation-id']?.trim();
  return sent && isCorrelationId(sent) ? sent : randomUUID();
}
