/**
 * Bounds every request value meets unless its field declares its own. They are far above what
 * Pulp's clients send and far below what would reach Postgres's limits or a Lambda's memory.
 */

/** Characters of a string (or href) without a declared maxLength: identifiers, hrefs, digests. */
export const DEFAULT_MAX_LENGTH = 4096;

/** Nesting of a JSON value (`json` fields, e.g. remote headers). */
export const MAX_JSON_DEPTH = 32;

/** Serialised size of one JSON value, in UTF-8 bytes. */
export const MAX_JSON_BYTES = 64 * 1024;

/** A list reports its first few bad items only, so an error answer stays small. */
export const MAX_ITEM_ERRORS = 10;

/**
 * `pulp_labels`: Pulp sets no bounds; these keep a label map small and each key and value
 * within what a Postgres GIN index entry can hold.
 */
export const LABEL_LIMITS = { count: 100, keyLength: 255, valueLength: 1024, valueBytes: 2048 } as const;
