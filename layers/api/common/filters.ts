import { LabelSelectError, parseLabelSelect, type LabelTerm } from '../../core/labels/label-select';
import type { DateRange, Ordering } from '../../core/models/page';
import type { TextMatch } from '../../core/text-match';
import { validationError } from '../../http/errors';
import type { QueryParam } from '../../http/route';
import { f } from '../../http/schema/fields';

/** Query parameter declarations: pulp-glue refuses to send a parameter its operation does not declare. */
export const str = (name: string, description?: string): QueryParam => ({ name, field: f.string(), description });
export const int = (name: string): QueryParam => ({ name, field: f.integer() });
export const csv = (name: string): QueryParam => ({ name, field: f.array(f.string()), explode: false });
export const date = (name: string): QueryParam => ({ name, field: f.dateTime() });

/** Detail reads take `fields` / `exclude_fields` too. */
export const detailParams: QueryParam[] = [csv('fields'), csv('exclude_fields')];

export const textParams = (name: string): QueryParam[] => [
  str(name),
  csv(`${name}__in`),
  str(`${name}__contains`),
  str(`${name}__icontains`),
  str(`${name}__startswith`),
  str(`${name}__istartswith`),
];

export const dateParams = (name: string): QueryParam[] => [
  date(name),
  date(`${name}__gt`),
  date(`${name}__gte`),
  date(`${name}__lt`),
  date(`${name}__lte`),
];

export function textMatch(q: Record<string, unknown>, name: string): TextMatch | undefined {
  const t: TextMatch = {
    exact: q[name] as string | undefined,
    iexact: q[`${name}__iexact`] as string | undefined,
    in: q[`${name}__in`] as string[] | undefined,
    contains: q[`${name}__contains`] as string | undefined,
    icontains: q[`${name}__icontains`] as string | undefined,
    startswith: q[`${name}__startswith`] as string | undefined,
    istartswith: q[`${name}__istartswith`] as string | undefined,
  };
  return Object.values(t).some((v) => v !== undefined) ? t : undefined;
}

export function dateRange(q: Record<string, unknown>, name: string): DateRange | undefined {
  const exact = q[name] as Date | undefined;
  const r: DateRange = {
    gte: (q[`${name}__gte`] as Date | undefined) ?? exact,
    lte: (q[`${name}__lte`] as Date | undefined) ?? exact,
    gt: q[`${name}__gt`] as Date | undefined,
    lt: q[`${name}__lt`] as Date | undefined,
  };
  return Object.values(r).some((v) => v !== undefined) ? r : undefined;
}

export function labelTerms(q: Record<string, unknown>): LabelTerm[] | undefined {
  const selector = q.pulp_label_select as string | undefined;
  if (selector === undefined) return undefined;
  try {
    return parseLabelSelect(selector);
  } catch (err) {
    if (err instanceof LabelSelectError) throw validationError({ pulp_label_select: [err.message] });
    throw err;
  }
}

/** `ordering=-name,pulp_created` → checked orderings; unknown names are a 400, as in DRF. */
export function ordering(q: Record<string, unknown>, allowed: readonly string[]): Ordering | undefined {
  const raw = q.ordering as string[] | undefined;
  if (!raw) return undefined;
  return raw.map((term) => {
    const desc = term.startsWith('-');
    const field = desc ? term.slice(1) : term;
    if (!allowed.includes(field))
      throw validationError({ ordering: [`Select a valid choice. ${term} is not one of the available choices.`] });
    return { field, desc };
  });
}
