import type { QueryParam } from './route';
import { f } from './schema/fields';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

/** Parameters every Pulp list takes (pulp-glue sends limit, offset, fields, exclude_fields). */
export function listQueryParams(extra: QueryParam[] = []): QueryParam[] {
  const list = (name: string, description: string): QueryParam => ({
    name,
    field: f.array(f.string()),
    description,
    explode: false,
  });
  return [
    { name: 'limit', field: f.integer(), description: 'Number of results to return per page.' },
    { name: 'offset', field: f.integer(), description: 'The initial index from which to return the results.' },
    list('ordering', 'Which field to use when ordering the results.'),
    list('fields', 'A list of fields to include in the response.'),
    list('exclude_fields', 'A list of fields to exclude from the response.'),
    list('pulp_href__in', 'Multiple values may be separated by commas.'),
    list('prn__in', 'Multiple values may be separated by commas.'),
    ...extra,
  ];
}

/** The page window from parsed query values: limit defaults to 100 and is capped at 1000. */
export function pageWindow(query: Record<string, unknown>): { limit: number; offset: number } {
  const rawLimit = query['limit'];
  const rawOffset = query['offset'];
  // DRF falls back to the default page size for a non-positive limit.
  const limit =
    typeof rawLimit === 'number' && rawLimit > 0 ? Math.min(rawLimit, MAX_LIMIT) : DEFAULT_LIMIT;
  const offset = typeof rawOffset === 'number' && rawOffset > 0 ? rawOffset : 0;
  return { limit, offset };
}

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

/** Rewrites the raw query with new limit/offset values, keeping every other key as sent. */
function withWindow(path: string, rawQuery: string, limit: number, offset: number | undefined): string {
  const kept = rawQuery
    .split('&')
    .filter((p) => p !== '')
    .filter((p) => {
      const key = p.split('=', 1)[0];
      return key !== 'limit' && key !== 'offset';
    });
  kept.push(`limit=${limit}`);
  if (offset !== undefined) kept.push(`offset=${offset}`);
  return `${path}?${kept.join('&')}`;
}

/** A LimitOffsetPagination page with next/previous as absolute paths (null at the ends). */
export function paginate<T>(args: {
  count: number;
  results: T[];
  limit: number;
  offset: number;
  path: string;
  rawQuery: string;
}): Page<T> {
  const { count, results, limit, offset, path, rawQuery } = args;
  const next = offset + limit < count ? withWindow(path, rawQuery, limit, offset + limit) : null;
  let previous: string | null = null;
  if (offset > 0) {
    // Like DRF: the first page drops the offset entirely.
    previous = withWindow(path, rawQuery, limit, offset - limit > 0 ? offset - limit : undefined);
  }
  return { count, next, previous, results };
}

/** Applies `fields` / `exclude_fields` to one serialised object (top-level keys). */
export function applyFieldSelection<T extends Record<string, unknown>>(
  obj: T,
  fields?: string[],
  excludeFields?: string[],
): Partial<T> {
  let entries = Object.entries(obj);
  if (fields?.length) entries = entries.filter(([k]) => fields.includes(k));
  if (excludeFields?.length) entries = entries.filter(([k]) => !excludeFields.includes(k));
  return Object.fromEntries(entries) as Partial<T>;
}
