/** SQL types a content type's detail columns may have. */
export type ColumnType = 'text' | 'bigint' | 'integer' | 'boolean' | 'jsonb' | 'timestamptz';

/** Where one field of a content type is stored: a column of the type's detail table. */
export interface ContentColumn {
  column: string;
  type: ColumnType;
}

/**
 * How a content type is stored: core keeps the base row (`content`), its artifact and its
 * version membership; the type's own fields live in its detail table, which its plugin's
 * migration creates with a unique index on the natural key columns.
 */
export interface ContentStorage {
  pulpType: string;
  table: string;
  columns: Record<string, ContentColumn>;
  /** Fields that identify a unit: the same values are the same unit (insert-or-get). */
  naturalKey: readonly string[];
  /** Fields that identify a unit inside one repository version: a newer unit replaces an older one. */
  repositoryKey: readonly string[];
}
