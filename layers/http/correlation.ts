import { randomUUID } from 'node:crypto';
import { isUuid } from './uuid';

/** The response header name, cased as Pulp (django-guid) sends it; pulp-cli -vv shows it. */
export const CORRELATION_HEADER = 'Correlation-ID';

/** Echo the client's id when it is a UUID, otherwise issue a fresh one (django-guid). */
export function correlationIdFor(headers: Record<string, string>): string {
  const sent = headers['correlation-id']?.trim();
  return sent && isUuid(sent) ? sent : randomUUID();
}
