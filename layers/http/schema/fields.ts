/**
 * A tiny field DSL, in the spirit of DRF serializers: one definition per resource feeds body
 * validation, the OpenAPI request schema and the OpenAPI response schema.
 */

export type FieldKind =
  | 'string'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'dateTime'
  | 'uuid'
  | 'href'
  | 'labels'
  | 'json'
  | 'array'
  | 'enum'
  | 'file';

export interface FieldOptions {
  /** Must be present in a (non-partial) request body. */
  required?: boolean;
  /** `null` is a valid value; `""` is read as `null` too (pulp-cli sends `""` to clear). */
  nullable?: boolean;
  /** Only in responses; ignored when sent (DRF behaviour). */
  readOnly?: boolean;
  /** Only in requests (passwords, uploads). */
  writeOnly?: boolean;
  /** Applied to absent fields of a non-partial request. */
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  /** A regular expression source, anchored by the caller if needed. */
  pattern?: string;
  /** Strings only: accept `""` (DRF's allow_blank). */
  allowBlank?: boolean;
  /** Strings: strip leading and trailing whitespace first, as DRF's CharField does (default); false for secrets. */
  trim?: boolean;
  /** Strings and JSON: free text that may hold tabs and line breaks; other control characters are refused anyway. */
  multiline?: boolean;
  /** Strings: what the text names, checked beyond its length (see `TEXT_FORMATS`). */
  format?: TextFormat;
  /** Strings: a bound on the UTF-8 size, for values Postgres indexes (one btree entry holds about 2.7 kB). */
  maxBytes?: number;
  /**
   * Arrays: a form carries the list only as JSON text (DRF's JSONField, which pulp_python's
   * includes/excludes are); otherwise a plain form value is a list of one (DRF's ListField).
   */
  formJsonOnly?: boolean;
}

/**
 * `path`: a relative path something is published or served under (no traversal, no empty
 * segments); `url`: an absolute http(s) URL the server will fetch.
 */
export type TextFormat = 'path' | 'url';

export interface Field extends FieldOptions {
  kind: FieldKind;
  /** Arrays: the item field. */
  items?: Field;
  /** Enums: the allowed values. */
  choices?: readonly string[];
}

export interface ObjectSchema {
  /** Component name, Pulp style: `file.FileRepository`. */
  name: string;
  fields: Record<string, Field>;
}

const make =
  (kind: FieldKind) =>
  (opts: FieldOptions = {}): Field => ({ kind, ...opts });

/** Field constructors: `f.string({ required: true })`, `f.array(f.href(), {})`. */
export const f = {
  string: make('string'),
  integer: make('integer'),
  number: make('number'),
  boolean: make('boolean'),
  dateTime: make('dateTime'),
  uuid: make('uuid'),
  /** A relative Pulp href such as `/pulp/api/v3/tasks/<uuid>/` (or a PRN). */
  href: make('href'),
  /** `{string: string}`, e.g. pulp_labels. */
  labels: make('labels'),
  /** Any JSON value. */
  json: make('json'),
  /** A multipart file part; arrives in `req.files` and in the validated body. */
  file: make('file'),
  array: (items: Field, opts: FieldOptions = {}): Field => ({ kind: 'array', items, ...opts }),
  enum: (choices: readonly string[], opts: FieldOptions = {}): Field => ({
    kind: 'enum',
    choices,
    ...opts,
  }),
};

/** The largest value of a Postgres `integer` column (Django's IntegerField bound). */
export const INT4_MAX = 2147483647;

export function schema(name: string, fields: Record<string, Field>): ObjectSchema {
  return { name, fields };
}

/** Fields a client may send: everything except readOnly ones. */
export function requestFields(s: ObjectSchema): Record<string, Field> {
  return Object.fromEntries(Object.entries(s.fields).filter(([, fd]) => !fd.readOnly));
}

/** Fields the server returns: everything except writeOnly ones. */
export function responseFields(s: ObjectSchema): Record<string, Field> {
  return Object.fromEntries(Object.entries(s.fields).filter(([, fd]) => !fd.writeOnly));
}

/** Component names, drf-spectacular style. */
export const schemaNames = {
  request: (s: ObjectSchema, partial = false): string => (partial ? `Patched${s.name}` : s.name),
  response: (s: ObjectSchema): string => `${s.name}Response`,
  paginated: (s: ObjectSchema): string => `Paginated${s.name}ResponseList`,
};
