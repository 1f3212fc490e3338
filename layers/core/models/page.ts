/** A page of a list: where it starts and how long it is. */
export interface Window {
  limit: number;
  offset: number;
}

/** One page of results and the total count of the whole list. */
export interface Found<T> {
  count: number;
  results: T[];
}

/** Bounds on a timestamp; exact matches set both gte and lte. */
export interface DateRange {
  gte?: Date;
  lte?: Date;
  gt?: Date;
  lt?: Date;
}

/** Bounds on a number (`number__gt=3`). */
export interface NumberRange {
  gte?: number;
  lte?: number;
  gt?: number;
  lt?: number;
}

/** Columns and directions, already checked against the names a list allows. */
export type Ordering = Array<{ field: string; desc: boolean }>;
