// Upload times as the indexes print them. PEP 700 wants `yyyy-mm-ddThh:mm:ss.ffffffZ`; PyPI's
// JSON API adds a seconds-only `upload_time`. Strings keep their microseconds (Postgres has
// them; a JS Date does not).

const ISO = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

interface Instant {
  /** Whole seconds, UTC. */
  date: Date;
  /** Six digits of fraction. */
  micros: string;
}

function toInstant(value: Date | string): Instant {
  if (value instanceof Date) return { date: new Date(Math.floor(value.getTime() / 1000) * 1000), micros: `${`${value.getUTCMilliseconds()}`.padStart(3, '0')}000` };
  const match = ISO.exec(value.trim());
  if (!match) throw new Error(`Not an ISO 8601 timestamp: ${value}`);
  const [, day, time, fraction = '', zone = 'Z'] = match;
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 3 ? `${zone}:00` : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const date = new Date(`${day}T${time}${offset}`);
  if (Number.isNaN(date.getTime())) throw new Error(`Not an ISO 8601 timestamp: ${value}`);
  return { date, micros: fraction.slice(0, 6).padEnd(6, '0') };
}

const seconds = (date: Date): string => date.toISOString().slice(0, 19);

/** PEP 700: `2024-05-01T12:30:45.123456Z`. */
export function formatUploadTime(value: Date | string): string {
  const { date, micros } = toInstant(value);
  return `${seconds(date)}.${micros}Z`;
}

/** PyPI JSON API's `upload_time`: `2024-05-01T12:30:45`. */
export function formatUploadTimeSeconds(value: Date | string): string {
  return seconds(toInstant(value).date);
}
