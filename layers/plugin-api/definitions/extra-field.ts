import type { Field } from '../../http/schema/fields';

/**
 * A field a plugin adds to one of its repository, remote, publication or distribution types.
 * Core validates it with the API schema, stores it with the object, and shows it.
 */
export interface ExtraField {
  schema: Field;
  /** The value of a new object that does not set it. */
  default: unknown;
  /** A further check of a value the schema accepted; a message makes it a 400 on this field. */
  check?(value: unknown): string | undefined;
}

export type ExtraFields = Record<string, ExtraField>;
