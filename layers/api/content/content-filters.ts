import type { FieldCondition } from '../../core/ports/field-condition';
import type { QueryParam } from '../../http/route';
import { f } from '../../http/schema/fields';
import type { ContentTypeDefinition } from '../../plugin-api/definitions/content-type';
import { csv, str, textParams } from '../common/filters';

/** The query parameters a content type's declared filters take. */
export function contentFilterParams(d: ContentTypeDefinition): QueryParam[] {
  const params: QueryParam[] = [];
  for (const filter of d.filters) {
    const name = filter.param ?? filter.field;
    const numeric = ['bigint', 'integer'].includes(d.columns[filter.field]?.type ?? 'text');
    const one = (p: string): QueryParam => (numeric ? { name: p, field: f.integer() } : str(p));
    if (filter.kind === 'text') params.push(...textParams(name));
    if (filter.kind === 'exact') params.push(one(name), ...(filter.in ? [csv(`${name}__in`)] : []));
    if (filter.kind === 'range') params.push(one(name), ...['gt', 'gte', 'lt', 'lte'].map((op) => one(`${name}__${op}`)));
  }
  return params;
}

/** Query values → conditions on the type's fields. */
export function contentConditions(d: ContentTypeDefinition, q: Record<string, unknown>): FieldCondition[] {
  const out: FieldCondition[] = [];
  for (const filter of d.filters) {
    const name = filter.param ?? filter.field;
    const norm = (v: unknown): string => (filter.normalize ? filter.normalize(String(v)) : String(v));
    const field = filter.field;
    const value = q[name];
    if (value !== undefined) out.push({ field, op: 'eq', value: norm(value) });
    const list = q[`${name}__in`] as string[] | undefined;
    if (list !== undefined && filter.kind !== 'range') out.push({ field, op: 'in', value: list.map(norm) });
    if (filter.kind === 'text') {
      for (const op of ['contains', 'icontains', 'startswith', 'istartswith'] as const) {
        const v = q[`${name}__${op}`];
        if (v !== undefined) out.push({ field, op, value: String(v) });
      }
    }
    if (filter.kind === 'range') {
      for (const op of ['gt', 'gte', 'lt', 'lte'] as const) {
        const v = q[`${name}__${op}`];
        if (v !== undefined) out.push({ field, op, value: typeof v === 'number' ? v : String(v) });
      }
    }
  }
  return out;
}
