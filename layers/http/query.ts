import type { QueryParam } from './route';
import type { Field } from './schema/fields';
import type { FieldErrors, Validated } from './schema/validate';
import { parseDateTime } from './schema/validate';
import { MAX_ITEM_ERRORS } from './schema/limits';
import { excerpt, textProblem } from './schema/text-rules';
import { canonicalUuid } from '../core/ids';

/** Splits a raw query string into decoded (key, value) pairs, `+` meaning space. */
export function decodeQueryPairs(raw: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    pairs.push([decodeComponent(key), decodeComponent(value)]);
  }
  return pairs;
}

function decodeComponent(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    // Malformed escapes are kept literally rather than failing the whole request.
    return spaced;
  }
}

type One = { ok: true; value: unknown } | { ok: false; error: string };

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);

/** Converts one textual filter value to the field's type. */
function convert(field: Field, text: string): One {
  // Postgres cannot compare text with U+0000 in it (django-filter's CharField refuses it too);
  // control characters and lone surrogates match nothing any client stores.
  const problem = textProblem(text);
  if (problem) return { ok: false, error: problem };
  switch (field.kind) {
    case 'integer':
      return /^[+-]?\d+$/.test(text) && Number.isSafeInteger(Number(text))
        ? { ok: true, value: Number(text) }
        : { ok: false, error: 'A valid integer is required.' };
    case 'number':
      return text.trim() !== '' && Number.isFinite(Number(text))
        ? { ok: true, value: Number(text) }
        : { ok: false, error: 'A valid number is required.' };
    case 'boolean': {
      const word = text.toLowerCase();
      if (TRUE_WORDS.has(word)) return { ok: true, value: true };
      if (FALSE_WORDS.has(word)) return { ok: true, value: false };
      return { ok: false, error: 'Must be a valid boolean.' };
    }
    case 'dateTime': {
      const date = parseDateTime(text);
      return date ? { ok: true, value: date } : { ok: false, error: 'Enter a valid date/time.' };
    }
    case 'uuid': {
      const id = canonicalUuid(text);
      return id ? { ok: true, value: id } : { ok: false, error: 'Must be a valid UUID.' };
    }
    case 'enum':
      return (field.choices ?? []).includes(text)
        ? { ok: true, value: text }
        : { ok: false, error: `Select a valid choice. ${excerpt(text)} is not one of the available choices.` };
    default:
      return { ok: true, value: text };
  }
}

/**
 * Parameters pulpcore's filter sets accept on every list without declaring them as filters
 * (pagination, field selection, ordering, DRF's format suffix).
 */
const ALWAYS_ACCEPTED: ReadonlySet<string> = new Set(['exclude_fields', 'fields', 'limit', 'minimal', 'offset', 'page_size', 'ordering', 'format']);

/**
 * pulpcore's check on lists: a parameter that is neither declared nor always accepted is a 400
 * `{"errors": ["Invalid Filter: 'name'"]}` rather than silently ignored (a misspelt filter would
 * otherwise return everything).
 */
export function invalidFilters(raw: string, declared: QueryParam[]): FieldErrors {
  const known = new Set(declared.map((p) => p.name));
  const unknown = [...new Set(decodeQueryPairs(raw).map(([key]) => key))].filter((key) => !known.has(key) && !ALWAYS_ACCEPTED.has(key));
  if (!unknown.length) return {};
  return { errors: unknown.slice(0, MAX_ITEM_ERRORS).map((key) => `Invalid Filter: '${excerpt(key)}'`) };
}

/**
 * Parses the declared query parameters (undeclared ones are left to `invalidFilters`, empty
 * values mean "no filter"). Arrays accept repeated keys and comma-joined values.
 */
export function parseQuery(raw: string, declared: QueryParam[]): Validated<Record<string, unknown>> {
  const byName = new Map(declared.map((p) => [p.name, p]));
  const collected = new Map<string, string[]>();
  for (const [key, value] of decodeQueryPairs(raw)) {
    if (!byName.has(key)) continue;
    const list = collected.get(key) ?? [];
    list.push(value);
    collected.set(key, list);
  }

  const value: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  for (const [name, texts] of collected) {
    const field = (byName.get(name) as QueryParam).field;
    if (field.kind === 'array') {
      const item = field.items ?? { kind: 'string' };
      const parts = texts.flatMap((t) => t.split(',')).filter((t) => t !== '');
      const items: unknown[] = [];
      const messages: string[] = [];
      for (const part of parts) {
        const one = convert(item, part);
        if (one.ok) items.push(one.value);
        else if (!messages.includes(one.error)) messages.push(one.error);
      }
      if (messages.length) errors[name] = messages;
      else if (items.length) value[name] = items;
      continue;
    }
    // Like Django's QueryDict, the last of repeated keys wins.
    const text = texts.at(-1) as string;
    if (text === '') continue;
    const one = convert(field, text);
    if (one.ok) value[name] = one.value;
    else errors[name] = [one.error];
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value };
}
