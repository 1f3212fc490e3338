import {
  requestFields,
  responseFields,
  schemaNames,
  type Field,
  type ObjectSchema,
} from './fields';

/** A JSON Schema object as OpenAPI 3.1 embeds it. */
export type JsonSchema = Record<string, unknown>;

export type SchemaVariant = 'request' | 'response';

function baseSchema(field: Field, variant: SchemaVariant): JsonSchema {
  switch (field.kind) {
    case 'string':
      return { type: 'string' };
    case 'integer':
      return { type: 'integer', format: 'int64' };
    case 'number':
      return { type: 'number', format: 'double' };
    case 'boolean':
      return { type: 'boolean' };
    case 'dateTime':
      return { type: 'string', format: 'date-time' };
    case 'uuid':
      return { type: 'string', format: 'uuid' };
    case 'href':
      return { type: 'string', format: 'uri' };
    case 'labels':
      return { type: 'object', additionalProperties: { type: 'string' } };
    case 'json':
      // No type: any JSON value (pulp-glue skips validation when `type` is absent).
      return {};
    case 'array':
      return { type: 'array', items: fieldSchema(field.items ?? { kind: 'json' }, variant) };
    case 'enum':
      return { type: 'string', enum: [...(field.choices ?? [])] };
    case 'file':
      return { type: 'string', format: 'binary' };
  }
}

/**
 * Nullable as 3.1 spells it: a `type` list, or `anyOf` with null for enums (pulp-glue's
 * validator joins enum values as strings, so `null` must not sit inside `enum`).
 */
function withNull(s: JsonSchema): JsonSchema {
  if (s['enum'] !== undefined) return { anyOf: [s, { type: 'null' }] };
  const type = s['type'];
  if (typeof type === 'string') return { ...s, type: [type, 'null'] };
  return s; // untyped JSON already admits null
}

/** The schema of one field; readOnly/writeOnly are kept so the document says why. */
export function fieldSchema(field: Field, variant: SchemaVariant): JsonSchema {
  let s = baseSchema(field, variant);
  if (field.nullable) s = withNull(s);
  const extra: JsonSchema = {};
  if (field.description !== undefined) extra['description'] = field.description;
  if (field.readOnly && variant === 'response') extra['readOnly'] = true;
  if (field.writeOnly && variant === 'request') extra['writeOnly'] = true;
  if (field.default !== undefined) extra['default'] = field.default;
  if (field.minimum !== undefined) extra['minimum'] = field.minimum;
  if (field.maximum !== undefined) extra['maximum'] = field.maximum;
  if (field.minLength !== undefined) extra['minLength'] = field.minLength;
  else if (field.kind === 'string' && !field.allowBlank && !field.nullable && variant === 'request')
    extra['minLength'] = 1; // DRF CharField: blank rejected unless allowBlank
  if (field.maxLength !== undefined) extra['maxLength'] = field.maxLength;
  if (field.pattern !== undefined) extra['pattern'] = field.pattern;
  return { ...s, ...extra };
}

export interface ObjectSchemaOptions {
  variant: SchemaVariant;
  /** PATCH bodies: no `required` list. */
  partial?: boolean;
}

/** The object schema of a request or response variant. */
export function objectSchema(s: ObjectSchema, opts: ObjectSchemaOptions): JsonSchema {
  const fields = opts.variant === 'request' ? requestFields(s) : responseFields(s);
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [name, field] of Object.entries(fields)) {
    properties[name] = fieldSchema(field, opts.variant);
    // Responses always carry their readOnly fields; requests need what is required.
    const isRequired = opts.variant === 'request' ? field.required && !opts.partial : field.required || field.readOnly;
    if (isRequired) required.push(name);
  }
  const out: JsonSchema = { type: 'object', properties };
  if (required.length) out['required'] = required;
  return out;
}

/** Component name of a variant: `file.FileRepository`, `Patchedfile.FileRepository`, `…Response`. */
export function componentName(s: ObjectSchema, opts: ObjectSchemaOptions): string {
  return opts.variant === 'request' ? schemaNames.request(s, opts.partial) : schemaNames.response(s);
}
