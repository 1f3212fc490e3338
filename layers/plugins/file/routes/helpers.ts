import type { App } from '../../../app/app';
import { LabelSelectError, parseLabelSelect, type LabelTerm } from '../../../core/labels/label-select';
import { validationError } from '../../../http/errors';
import { applyFieldSelection, pageWindow, paginate } from '../../../http/pagination';
import type { ApiRequest, ApiResponse, QueryParam } from '../../../http/route';
import { f } from '../../../http/schema/fields';
import { taskHref } from '../../../http/serializers/task';
import { idFromHref, versionFromHref, type HrefKind } from '../hrefs';
import { isSafeRelativePath } from '../sync/relative-path';
import type { DateRange, Found, Ordering, TextMatch } from '../ports';

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

/** Ids from `pulp_href__in` / `prn__in` (hrefs that name nothing match nothing). */
export function idsIn(q: Record<string, unknown>, kind: HrefKind): string[] | undefined {
  const values = [...((q.pulp_href__in as string[] | undefined) ?? []), ...((q.prn__in as string[] | undefined) ?? [])];
  if (!values.length) return undefined;
  return values.map((h) => idFromHref(kind, h) ?? '00000000-0000-0000-0000-000000000000');
}

/** A filter href that must name an object of `kind`; 400 otherwise. */
export function filterId(q: Record<string, unknown>, name: string, kind: HrefKind): string | undefined {
  const href = q[name] as string | undefined;
  if (href === undefined) return undefined;
  const id = idFromHref(kind, href);
  if (!id) throw validationError({ [name]: ['Invalid hyperlink - No URL match.'] });
  return id;
}

export function filterVersion(q: Record<string, unknown>, name: string): { repositoryId: string; number: number } | undefined {
  const href = q[name] as string | undefined;
  if (href === undefined) return undefined;
  const v = versionFromHref(href);
  if (!v) throw validationError({ [name]: ['Invalid hyperlink - No URL match.'] });
  return v;
}

/** A body href that must name an object of `kind`; 400 in Pulp's words otherwise. */
export function bodyId(field: string, kind: HrefKind, href: unknown): string {
  const id = typeof href === 'string' ? idFromHref(kind, href) : undefined;
  if (!id) throw validationError({ [field]: ['Invalid hyperlink - No URL match.'] });
  return id;
}

export const doesNotExist = (field: string) => validationError({ [field]: ['Invalid hyperlink - Object does not exist.'] });

/** A page of serialised objects with `fields` / `exclude_fields` applied. */
export async function listResponse<T>(
  req: ApiRequest,
  find: (window: { limit: number; offset: number }) => Promise<Found<T>>,
  view: (item: T) => Record<string, unknown> | Promise<Record<string, unknown>>,
): Promise<ApiResponse> {
  const window = pageWindow(req.query);
  const { count, results } = await find(window);
  const items = [];
  for (const item of results) items.push(select(req, await view(item)));
  return { status: 200, body: paginate({ count, results: items, ...window, path: req.path, rawQuery: req.rawQuery }) };
}

export function select(req: ApiRequest, obj: Record<string, unknown>): Record<string, unknown> {
  return applyFieldSelection(obj, req.query.fields as string[] | undefined, req.query.exclude_fields as string[] | undefined);
}

export async function dispatchTask(
  app: App,
  req: ApiRequest,
  task: { name: string; args: Record<string, unknown>; exclusive?: string[]; shared?: string[]; immediate?: boolean },
): Promise<ApiResponse> {
  const created = await app.dispatcher.dispatch({
    name: task.name,
    args: task.args,
    exclusiveResources: task.exclusive ?? [],
    sharedResources: task.shared ?? [],
    loggingCid: req.correlationId,
    immediate: task.immediate,
  });
  return { status: 202, body: { task: taskHref(created.id) } };
}

export const taskResponse = { 202: { description: 'A task was dispatched.', schema: 'task' as const } };
export const notFoundResponse = { 404: { description: 'Not found.' } };
export const badRequest = { 400: { description: 'Invalid input.' } };

/**
 * A manifest file name becomes an S3 key under the publication (`publications/<id>/<name>`)
 * and a served path: it must be a safe relative path, like every published file.
 */
export function checkManifestName(value: unknown): void {
  if (typeof value === 'string' && !isSafeRelativePath(value))
    throw validationError({ manifest: ['The path must be relative, without empty, "." or ".." segments.'] });
}
