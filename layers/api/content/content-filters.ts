import type { FieldCondition } from '../../core/ports/field-condition';
import type { QueryParam } from '../../http/route';
import { f } from '../../http/schema/fields';
import type { ContentFilter, ContentTypeDefinition, FilterLookup } from '../../plugin-api/definitions/content-type';
import { csv, str } from '../common/filters';

const KIND_LOOKUPS: Record<ContentFilter['kind'], readonly FilterLookup[]> = {
  text: ['exact', 'in', 'contains', 'icontains', 'startswith', 'istartswith'],
  exact: ['exact'],
  range: ['exact', 'gt', 'gte', 'lt', 'lte'],
};

/** The lookups a filter takes, each with its query parameter name. */
function lookupsOf(filter: ContentFilter): Array<{ lookup: FilterLookup; param: string }> {
  const name = filter.param ?? filter.field;
  const lookups = filter.lookups ?? [...KIND_LOOKUPS[filter.kind], ...(filter.kind === 'exact' && filter.in ? (['in'] as const) : [])];
  return lookups.map((lookup) => ({ lookup, param: lookup === 'exact' ? name : `${name}__${lookup}` }));
}

/** The query parameters a content type's declared filters take. */
export function contentFilterParams(d: ContentTypeDefinition): QueryParam[] {
  const params: QueryParam[] = [];
  for (const filter of d.filters) {
    const numeric = ['bigint', 'integer'].includes(d.columns[filter.field]?.type ?? 'text');
    for (const { lookup, param } of lookupsOf(filter)) {
      if (lookup === 'in') params.push(csv(param));
      else params.push(numeric && filter.kind !== 'text' ? { name: param, field: f.integer() } : str(param));
    }
  }
  return params;
}

/** Query values → conditions on the type's fields. */
export function contentConditions(d: ContentTypeDefinition, q: Record<string, unknown>): FieldCondition[] {
  const out: FieldCondition[] = [];
  for (const filter of d.filters) {
    const norm = (v: unknown): string => (filter.normalize ? filter.normalize(String(v)) : String(v));
    const field = filter.field;
    for (const { lookup, param } of lookupsOf(filter)) {
      const value = q[param];
      if (value === undefined) continue;
      if (lookup === 'exact') out.push({ field, op: 'eq', value: norm(value) });
      else if (lookup === 'in') out.push({ field, op: 'in', value: (value as string[]).map(norm) });
      else if (lookup === 'gt' || lookup === 'gte' || lookup === 'lt' || lookup === 'lte')
        out.push({ field, op: lookup, value: typeof value === 'number' ? value : String(value) });
      else out.push({ field, op: lookup, value: String(value) });
    }
  }
  return out;
}
