import type { FieldErrors } from '../../http/schema/validate';
import type { Field } from '../../http/schema/fields';
import type { ExtraFields } from '../../plugin-api/definitions/extra-field';

/** The API schema fields of a type's extra fields. */
export function extraSchemas(fields: ExtraFields): Record<string, Field> {
  return Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, f.schema]));
}

/** The extra fields a (validated) body sets, each checked by its own rule. */
export function extraFromBody(fields: ExtraFields, body: Record<string, unknown>): { values: Record<string, unknown>; errors: FieldErrors } {
  const values: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  for (const [name, field] of Object.entries(fields)) {
    if (!(name in body)) continue;
    const problem = field.check?.(body[name]);
    if (problem) errors[name] = [problem];
    else values[name] = body[name];
  }
  return { values, errors };
}

/** The extra fields of a new object: what the body sets, else each field's default. */
export function extraDefaults(fields: ExtraFields): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, f.default]));
}

/** An object's extra fields for its response (defaults fill fields added after it was made). */
export function extraForResponse(fields: ExtraFields, extra: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, name in extra ? extra[name] : f.default]));
}
