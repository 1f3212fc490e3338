import type { App } from '../../app/app';
import type { Found, Window } from '../../core/models/page';
import type { TaskHandle } from '../../core/tasks/task-definition';
import type { DispatchOptions } from '../../core/tasks/dispatcher';
import { applyFieldSelection, pageWindow, paginate } from '../../http/pagination';
import type { ApiRequest, ApiResponse } from '../../http/route';
import { taskHref } from '../tasks/task-serializer';

export const taskResponse = { 202: { description: 'A task was dispatched.', schema: 'task' as const } };
export const notFoundResponse = { 404: { description: 'Not found.' } };
export const badRequestResponse = { 400: { description: 'Invalid input.' } };

/** Every body encoding pulp-glue may pick from an operation's declaration. */
export const FORMS = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'] as const;

/** A page of serialised objects with `fields` / `exclude_fields` applied. */
export async function listResponse<T>(
  req: ApiRequest,
  find: (window: Window) => Promise<Found<T>>,
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

/** Dispatches a typed task for a request and answers Pulp's 202 `{task}`. */
export async function dispatchResponse<A extends object>(
  app: App,
  req: ApiRequest,
  task: TaskHandle<A>,
  args: A,
  options: DispatchOptions = {},
): Promise<ApiResponse> {
  const created = await app.dispatcher.dispatchTask(task, args, { loggingCid: req.correlationId, ...options });
  return { status: 202, body: { task: taskHref(created.id) } };
}
