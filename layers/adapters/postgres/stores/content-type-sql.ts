import type { ColumnType, ContentStorage } from '../../../core/ports/content-storage';

/** SQL fragments for one content type's detail table, built once from its declaration. */
export interface ContentTypeSql {
  pulpType: string;
  table: string;
  /** The alias the table has in queries that join several types. */
  alias: string;
  /** API field names, in declaration order. */
  fields: string[];
  /** Their columns, in the same order. */
  columns: string[];
  columnList: string;
  naturalKey: readonly string[];
  naturalColumns: string[];
  /** A jsonb of the row's fields by API name. */
  fieldsJson: string;
  columnOf(field: string): string;
  arrayType(field: string): string;
  isNumeric(field: string): boolean;
  /** A value as a query parameter of the field's column. */
  encode(field: string, value: unknown): unknown;
  /** The repository key as `content.repository_key` stores it. */
  repositoryKeyOf(fields: Record<string, unknown>): string;
  /** A string equal for equal natural keys, whether the values came from a client or the database. */
  naturalKeyOf(fields: Record<string, unknown>): string;
}

const ARRAY_TYPES: Record<ColumnType, string> = {
  text: 'text[]',
  bigint: 'bigint[]',
  integer: 'int[]',
  boolean: 'boolean[]',
  jsonb: 'jsonb[]',
  timestamptz: 'timestamptz[]',
};

/** jsonb_build_object takes at most 100 arguments: wide types are built in parts. */
const PAIRS_PER_OBJECT = 40;

export function contentTypeSql(storage: ContentStorage): ContentTypeSql {
  const fields = Object.keys(storage.columns);
  const columnOf = (field: string): string => {
    const c = storage.columns[field];
    if (!c) throw new Error(`${storage.pulpType} has no field ${field}`);
    return c.column;
  };
  const alias = `t_${storage.table}`;
  const pairs = fields.map((f) => `'${f}', ${alias}.${columnOf(f)}`);
  const parts: string[] = [];
  for (let i = 0; i < pairs.length; i += PAIRS_PER_OBJECT) parts.push(`jsonb_build_object(${pairs.slice(i, i + PAIRS_PER_OBJECT).join(', ')})`);
  const typeOf = (field: string): ColumnType => storage.columns[field]!.type;
  const normalized = (field: string, value: unknown): unknown => {
    if (value === undefined || value === null) return null;
    const type = typeOf(field);
    if (type === 'bigint' || type === 'integer') return Number(value);
    return value;
  };
  return {
    pulpType: storage.pulpType,
    table: storage.table,
    alias,
    fields,
    columns: fields.map(columnOf),
    columnList: fields.map(columnOf).join(', '),
    naturalKey: storage.naturalKey,
    naturalColumns: storage.naturalKey.map(columnOf),
    fieldsJson: parts.length ? parts.join(' || ') : `'{}'::jsonb`,
    columnOf,
    arrayType: (field) => ARRAY_TYPES[typeOf(field)],
    isNumeric: (field) => ['bigint', 'integer'].includes(typeOf(field)),
    encode: (field, value) => {
      if (value === undefined || value === null) return null;
      return typeOf(field) === 'jsonb' ? JSON.stringify(value) : value;
    },
    repositoryKeyOf: (values) => {
      const key = storage.repositoryKey.map((f) => normalized(f, values[f]));
      // One field (the usual case) is stored as itself, so it stays readable in the table.
      return key.length === 1 ? String(key[0] ?? '') : JSON.stringify(key);
    },
    naturalKeyOf: (values) => JSON.stringify(storage.naturalKey.map((f) => normalized(f, values[f]))),
  };
}
