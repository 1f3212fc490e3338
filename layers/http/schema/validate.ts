import type { Field, ObjectSchema } from './fields';
import { canonicalUuid } from '../../core/ids';
import { jsonProblem } from './json-value';
import { labelsProblem } from './labels';
import { DEFAULT_MAX_LENGTH, MAX_ITEM_ERRORS } from './limits';
import { formatProblem } from './text-formats';
import { excerpt, textProblem } from './text-rules';

/** DRF's error shape: per field a list of messages, or one string ("Unexpected field"). */
export type FieldErrors = Record<string, string[] | string>;

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export interface ValidateOptions {
  /** PATCH: nothing is required and no defaults are applied. */
  partial: boolean;
  /** Form bodies (urlencoded, multipart) carry strings that need coercion. */
  source: 'json' | 'form';
}

type One = { ok: true; value: unknown } | { ok: false; errors: string[] };

const ok = (value: unknown): One => ({ ok: true, value });
const fail = (...errors: string[]): One => ({ ok: false, errors });

// DRF BooleanField's accepted spellings (requests sends Python's "True"/"False").
const TRUE_WORDS = new Set(['t', 'y', 'yes', 'true', 'on', '1']);
const FALSE_WORDS = new Set(['f', 'n', 'no', 'false', 'off', '0']);
const INTEGER_RE = /^[+-]?\d+$/;
const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
// ISO-8601 as Django reads it: a date, optionally a time (fraction optional) and a zone.
const DATE_TIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

export const DATE_TIME_ERROR =
  'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].';

/** Parses an ISO-8601 date-time (pulp-glue sends `%Y-%m-%dT%H:%M:%S.%fZ`); naive means UTC. */
export function parseDateTime(text: string): Date | undefined {
  const m = DATE_TIME_RE.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone = 'Z'] = m;
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  const fields = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec), ms] as const;
  const utc = Date.UTC(...fields);
  const check = new Date(utc);
  // Reject overflowing values such as 2024-02-30 or 25:00 that Date.UTC would roll over.
  if (
    check.getUTCFullYear() !== fields[0] ||
    check.getUTCMonth() !== fields[1] ||
    check.getUTCDate() !== fields[2] ||
    check.getUTCHours() !== fields[3] ||
    check.getUTCMinutes() !== fields[4] ||
    check.getUTCSeconds() !== fields[5]
  )
    return undefined;
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const sign = zone.startsWith('-') ? -1 : 1;
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
  }
  return new Date(utc - offsetMinutes * 60_000);
}

/** Python type names, as DRF puts them in messages. */
export function pythonTypeName(value: unknown): string {
  if (value === null) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'object') return 'dict';
  return typeof value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isUploadedFile(value: unknown): boolean {
  return isPlainObject(value) && Buffer.isBuffer(value['data']) && typeof value['filename'] === 'string';
}

/** Form values of structured fields arrive as JSON text (pulp-glue stringifies dicts/lists). */
function decodeJsonText(value: unknown, source: ValidateOptions['source']): { ok: boolean; value: unknown } {
  if (source !== 'form' || typeof value !== 'string') return { ok: true, value };
  try {
    return { ok: true, value: JSON.parse(value) };
  } catch {
    return { ok: false, value };
  }
}

/** The declared maxLength, or the default every string meets. */
function tooLong(field: Field, text: string): string | undefined {
  const maxLength = field.maxLength ?? DEFAULT_MAX_LENGTH;
  return text.length > maxLength ? `Ensure this field has no more than ${maxLength} characters.` : undefined;
}

function checkLength(field: Field, text: string): string[] {
  const errors: string[] = [];
  const long = tooLong(field, text);
  if (long) errors.push(long);
  else if (field.maxBytes !== undefined && Buffer.byteLength(text) > field.maxBytes)
    errors.push(`Ensure this field has no more than ${field.maxBytes} bytes as UTF-8.`);
  if (field.minLength !== undefined && text.length < field.minLength)
    errors.push(`Ensure this field has at least ${field.minLength} characters.`);
  if (errors.length) return errors;
  if (field.pattern !== undefined && !new RegExp(field.pattern).test(text))
    errors.push('This value does not match the required pattern.');
  const format = field.format === undefined ? undefined : formatProblem(field.format, text);
  if (format) errors.push(format);
  return errors;
}

function checkRange(field: Field, n: number): string[] {
  const errors: string[] = [];
  if (field.minimum !== undefined && n < field.minimum)
    errors.push(`Ensure this value is greater than or equal to ${field.minimum}.`);
  if (field.maximum !== undefined && n > field.maximum)
    errors.push(`Ensure this value is less than or equal to ${field.maximum}.`);
  return errors;
}

/** DRF's CharField: trimmed unless the field says otherwise (secrets), then checked. */
function validateString(field: Field, value: unknown): One {
  if (typeof value !== 'string') return fail('Not a valid string.');
  const text = field.trim === false ? value : value.trim();
  if (text === '') {
    if (field.nullable) return ok(null);
    return field.allowBlank ? ok(text) : fail('This field may not be blank.');
  }
  const problem = textProblem(text, field.multiline);
  if (problem) return fail(problem);
  const errors = checkLength(field, text);
  return errors.length ? fail(...errors) : ok(text);
}

function validateInteger(field: Field, value: unknown, source: ValidateOptions['source']): One {
  let n: number | undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value)) n = value;
  else if (source === 'form' && typeof value === 'string' && INTEGER_RE.test(value.trim()))
    n = Number(value.trim());
  if (n === undefined || !Number.isSafeInteger(n)) return fail('A valid integer is required.');
  const errors = checkRange(field, n);
  return errors.length ? fail(...errors) : ok(n);
}

function validateNumber(field: Field, value: unknown, source: ValidateOptions['source']): One {
  let n: number | undefined;
  if (typeof value === 'number' && Number.isFinite(value)) n = value;
  else if (source === 'form' && typeof value === 'string' && NUMBER_RE.test(value.trim()))
    n = Number(value.trim());
  // `1e400` is Infinity: no column stores it.
  if (n === undefined || !Number.isFinite(n)) return fail('A valid number is required.');
  const errors = checkRange(field, n);
  return errors.length ? fail(...errors) : ok(n);
}

function validateBoolean(value: unknown, source: ValidateOptions['source']): One {
  if (typeof value === 'boolean') return ok(value);
  if (source === 'form' && typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return ok(true);
    if (FALSE_WORDS.has(word)) return ok(false);
  }
  return fail('Must be a valid boolean.');
}

function validateLabels(value: unknown, source: ValidateOptions['source']): One {
  const decoded = decodeJsonText(value, source);
  if (!decoded.ok) return fail('Value must be valid JSON.');
  const labels = decoded.value;
  if (!isPlainObject(labels))
    return fail(`Expected a dictionary of items but got type "${pythonTypeName(labels)}".`);
  const problem = labelsProblem(labels);
  return problem ? fail(problem.message) : ok(labels);
}

function validateArray(field: Field, value: unknown, source: ValidateOptions['source']): One {
  let list: unknown = value;
  if (source === 'form' && typeof value === 'string') {
    // A form carries a list either as JSON text or as one (or repeated) plain value(s).
    const decoded = decodeJsonText(value, source);
    if (!decoded.ok && field.formJsonOnly) return fail('Value must be valid JSON.');
    list = decoded.ok && (Array.isArray(decoded.value) || field.formJsonOnly) ? decoded.value : [value];
  }
  if (!Array.isArray(list))
    return fail(`Expected a list of items but got type "${pythonTypeName(list)}".`);
  const item = field.items ?? { kind: 'json' };
  const values: unknown[] = [];
  const errors: string[] = [];
  let bad = 0;
  list.forEach((element, index) => {
    const one = validateValue(item, element, source);
    if (one.ok) values.push(one.value);
    // The first few bad items tell the client enough; the answer stays small.
    else if ((bad += 1) <= MAX_ITEM_ERRORS) errors.push(...one.errors.map((m) => `Item ${index}: ${m}`));
  });
  if (bad > MAX_ITEM_ERRORS) errors.push(`…and ${bad - MAX_ITEM_ERRORS} more invalid items.`);
  return errors.length ? fail(...errors) : ok(values);
}

/** A plain string (href, uuid, enum, date-time input) that is text Postgres can store, short enough to quote. */
function plainText(field: Field, value: unknown): One {
  if (typeof value !== 'string') return ok(value);
  const problem = textProblem(value) ?? tooLong(field, value);
  return problem ? fail(problem) : ok(value);
}

/** Kinds whose value arrives as one short text (or a scalar): checked as text before parsing. */
const PLAIN_KINDS: ReadonlySet<Field['kind']> = new Set(['href', 'uuid', 'enum', 'dateTime', 'integer', 'number', 'boolean']);

/** Validates and coerces one present value of one field. */
export function validateValue(field: Field, value: unknown, source: ValidateOptions['source']): One {
  if (value === null || (value === '' && field.nullable)) {
    return field.nullable ? ok(null) : fail('This field may not be null.');
  }
  if (PLAIN_KINDS.has(field.kind)) {
    const text = plainText(field, value);
    if (!text.ok) return text;
  }
  switch (field.kind) {
    case 'string':
      return validateString(field, value);
    case 'integer':
      return validateInteger(field, value, source);
    case 'number':
      return validateNumber(field, value, source);
    case 'boolean':
      return validateBoolean(value, source);
    case 'dateTime': {
      const date = typeof value === 'string' ? parseDateTime(value) : undefined;
      return date ? ok(date) : fail(DATE_TIME_ERROR);
    }
    case 'uuid': {
      const id = typeof value === 'string' ? canonicalUuid(value) : undefined;
      return id ? ok(id) : fail('Must be a valid UUID.');
    }
    case 'href':
      // A relative href or a PRN; whether it resolves is the domain's business.
      return typeof value === 'string' && (value.startsWith('/') || value.startsWith('prn:'))
        ? ok(value)
        : fail('Invalid hyperlink - No URL match.');
    case 'enum':
      return typeof value === 'string' && (field.choices ?? []).includes(value)
        ? ok(value)
        : fail(`"${excerpt(String(value))}" is not a valid choice.`);
    case 'labels':
      return validateLabels(value, source);
    case 'json': {
      const decoded = decodeJsonText(value, source);
      if (!decoded.ok) return fail('Value must be valid JSON.');
      const problem = jsonProblem(decoded.value, field.multiline);
      return problem ? fail(problem) : ok(decoded.value);
    }
    case 'array':
      return validateArray(field, value, source);
    case 'file':
      return isUploadedFile(value)
        ? ok(value)
        : fail('The submitted data was not a file. Check the encoding type on the form.');
  }
}

function cloneDefault(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? structuredClone(value) : value;
}

/**
 * Validates a request body against an object schema, DRF style: unknown fields are rejected,
 * readOnly fields are ignored, required fields must be present unless partial, defaults fill in.
 */
export function validateBody(
  s: ObjectSchema,
  input: Record<string, unknown>,
  opts: ValidateOptions,
): Validated<Record<string, unknown>> {
  // No prototype: a client's `__proto__` field is reported like any other, not assigned as a prototype.
  const errors: FieldErrors = Object.create(null);
  const value: Record<string, unknown> = {};

  // Own properties only: `constructor` or `__proto__` are unknown fields like any other.
  const unknown = Object.keys(input).filter((name) => !Object.hasOwn(s.fields, name));
  // A few names tell the client enough; echoing thousands (or a megabyte-long one) would not.
  for (const name of unknown.slice(0, MAX_ITEM_ERRORS)) errors[excerpt(name)] = 'Unexpected field';
  for (const [name, field] of Object.entries(s.fields)) {
    if (field.readOnly) continue;
    if (!(name in input) || input[name] === undefined) {
      if (opts.partial) continue;
      if (field.required) errors[name] = ['This field is required.'];
      else if (field.default !== undefined) value[name] = cloneDefault(field.default);
      continue;
    }
    let raw = input[name];
    // Repeated form keys only make sense for lists; otherwise the last one wins (QueryDict).
    if (Array.isArray(raw) && opts.source === 'form' && field.kind !== 'array') raw = raw.at(-1);
    const one = validateValue(field, raw, opts.source);
    if (one.ok) value[name] = one.value;
    else errors[name] = one.errors;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value };
}
