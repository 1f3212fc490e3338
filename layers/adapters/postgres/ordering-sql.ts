import type { Ordering } from '../../core/models/page';

/** ORDER BY from checked orderings: `columns` maps API field names to SQL expressions. */
export function orderBy(ordering: Ordering | undefined, columns: Record<string, string>, fallback: string): string {
  const parts = (ordering ?? [])
    .filter((o) => columns[o.field] !== undefined)
    .map((o) => `${columns[o.field]} ${o.desc ? 'DESC' : 'ASC'}`);
  return `ORDER BY ${parts.length ? `${parts.join(', ')}, ` : ''}${fallback}`;
}
