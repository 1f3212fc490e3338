import { objectRoleRoutes } from '../access/object-role-routes';
import { coreAccess } from '../access/route-access';
import type { App } from '../../app/app';
import { TASK_STATES, type TaskState } from '../../core/tasks/task';
import type { TaskFilter } from '../../core/tasks/task-store';
import { purgeTask } from '../../core/tasks/core-tasks';
import { conflict, notFound } from '../../http/errors';
import { applyFieldSelection, listQueryParams, pageWindow, paginate } from '../../http/pagination';
import type { ApiRequest, QueryParam, Route } from '../../http/route';
import { f, schema } from '../../http/schema/fields';
import { serializeTask, taskHref, TaskSchema } from './task-serializer';


const TASKS = '/pulp/api/v3/tasks/';
const tasksAccess = coreAccess('tasks', 'core.task');

const TaskCancelSchema = schema('PatchedTaskCancel', {
  state: f.enum(['canceled'], { required: true, description: "The desired state of the task. Only 'canceled' is accepted." }),
});

const FINAL = ['skipped', 'completed', 'failed', 'canceled'] as const;
const PurgeSchema = schema('Purge', {
  finished_before: f.dateTime({ description: 'Purge tasks completed earlier than this timestamp (default: 30 days ago).' }),
  states: f.array(f.enum(FINAL), { description: 'Final states of the tasks to purge (default: completed).' }),
});
const TASK_HREF = { name: 'task_href', prefix: '/pulp/api/v3/tasks/{id}/' };

const str = (name: string): QueryParam => ({ name, field: f.string() });
const list = (name: string): QueryParam => ({ name, field: f.array(f.string()), explode: false });
const date = (name: string): QueryParam => ({ name, field: f.dateTime() });

const taskFilters: QueryParam[] = [
  { name: 'state', field: f.enum(TASK_STATES) },
  { name: 'state__in', field: f.array(f.enum(TASK_STATES)), explode: false },
  str('name'),
  str('name__contains'),
  list('name__in'),
  str('logging_cid'),
  str('logging_cid__contains'),
  str('worker'),
  str('parent_task'),
  str('task_group'),
  str('created_resources'),
  str('reserved_resources'),
  list('reserved_resources__in'),
  str('exclusive_resources'),
  list('exclusive_resources__in'),
  str('shared_resources'),
  list('shared_resources__in'),
  date('started_at__gte'),
  date('started_at__lte'),
  date('started_at__gt'),
  date('started_at__lt'),
  date('finished_at__gte'),
  date('finished_at__lte'),
  date('finished_at__gt'),
  date('finished_at__lt'),
];

/** Resource filters accept hrefs or PRNs; both are compared as PRNs. */
function names(app: App, values: unknown): string[] | undefined {
  const items = Array.isArray(values) ? values : values === undefined ? [] : [values];
  if (!items.length) return undefined;
  return items.map((v) => app.names.hrefToPrn(String(v)) ?? String(v));
}

/** The id in an href filter; an href that names nothing matches nothing (the nil UUID). */
const idOf = (href: unknown, prefix: string): string | undefined => {
  if (typeof href !== 'string') return undefined;
  const match = new RegExp(`^${prefix}([0-9a-fA-F-]{36})/$`).exec(href);
  return match ? match[1]!.toLowerCase() : '00000000-0000-0000-0000-000000000000';
};

function taskFilter(app: App, q: Record<string, unknown>): TaskFilter {
  const merge = (single: unknown, many: unknown): string[] | undefined => {
    const all = [...(names(app, single) ?? []), ...(names(app, many) ?? [])];
    return all.length ? all : undefined;
  };
  const ids = q.pulp_href__in as string[] | undefined;
  return {
    state: q.state as TaskState | undefined,
    stateIn: q.state__in as TaskState[] | undefined,
    name: q.name as string | undefined,
    nameContains: q.name__contains as string | undefined,
    loggingCidContains: (q.logging_cid__contains ?? q.logging_cid) as string | undefined,
    // pulp-cli sends the worker's href (after looking it up by name); a bare name works too.
    workerId: typeof q.worker === 'string' && q.worker.startsWith('/pulp/') ? idOf(q.worker, '/pulp/api/v3/workers/') : undefined,
    workerName: typeof q.worker === 'string' && !q.worker.startsWith('/pulp/') ? q.worker : undefined,
    parentTaskId: idOf(q.parent_task, TASKS),
    taskGroupId: idOf(q.task_group, '/pulp/api/v3/task-groups/'),
    createdResources: q.created_resources as string | undefined,
    reservedResourcesAll: merge(q.reserved_resources, q.reserved_resources__in),
    exclusiveResourcesAll: merge(q.exclusive_resources, q.exclusive_resources__in),
    sharedResourcesAll: merge(q.shared_resources, q.shared_resources__in),
    startedAtGte: (q.started_at__gte ?? q.started_at__gt) as Date | undefined,
    startedAtLte: (q.started_at__lte ?? q.started_at__lt) as Date | undefined,
    finishedAtGte: (q.finished_at__gte ?? q.finished_at__gt) as Date | undefined,
    finishedAtLte: (q.finished_at__lte ?? q.finished_at__lt) as Date | undefined,
    ids: ids?.map((h) => idOf(h, TASKS)!),
  };
}

const select = (req: ApiRequest, body: Record<string, unknown>) =>
  applyFieldSelection(body, req.query.fields as string[] | undefined, req.query.exclude_fields as string[] | undefined);

async function readTask(req: ApiRequest, app: App): Promise<Record<string, unknown>> {
  const task = await app.taskStore.get(req.params.id!);
  if (!task) throw notFound();
  const children = await app.taskStore.childTaskIds([task.id]);
  return serializeTask(task, children.get(task.id), (h) => app.names.hrefToPrn(h));
}

async function listTasks(req: ApiRequest, app: App) {
  const window = pageWindow(req.query);
  const { count, results } = await app.taskStore.list({ ...taskFilter(app, req.query), scope: req.scope }, window);
  const children = await app.taskStore.childTaskIds(results.map((t) => t.id));
  const items = results.map((t) => select(req, serializeTask(t, children.get(t.id), (h) => app.names.hrefToPrn(h))));
  return { status: 200, body: paginate({ count, results: items, ...window, path: req.path, rawQuery: req.rawQuery }) };
}

export const taskRoutes: Route<App>[] = [
  {
    method: 'GET',
    path: TASKS,
    operationId: 'tasks_list',
    access: tasksAccess.list,
    summary: 'List tasks',
    tags: ['Tasks'],
    query: listQueryParams(taskFilters),
    responses: { 200: { description: 'A page of tasks, newest first.', schema: { paginated: TaskSchema } } },
    handler: listTasks,
  },
  {
    method: 'GET',
    path: '/pulp/api/v3/tasks/{id}/',
    operationId: 'tasks_read',
    access: tasksAccess.on('retrieve'),
    summary: 'Inspect a task',
    tags: ['Tasks'],
    hrefParameter: TASK_HREF,
    query: [list('fields'), list('exclude_fields')],
    responses: { 200: { description: 'The task.', schema: TaskSchema }, 404: { description: 'Not found.' } },
    handler: async (req, app) => ({ status: 200, body: select(req, await readTask(req, app)) }),
  },
  {
    method: 'PATCH',
    path: '/pulp/api/v3/tasks/{id}/',
    operationId: 'tasks_cancel',
    access: tasksAccess.on('partial_update'),
    summary: 'Cancel a task',
    tags: ['Tasks'],
    hrefParameter: TASK_HREF,
    body: { schema: TaskCancelSchema, contentTypes: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'] },
    responses: {
      200: { description: 'The task, canceled or canceling.', schema: TaskSchema },
      404: { description: 'Not found.' },
      409: { description: 'The task is already finished.' },
    },
    handler: async (req, app) => {
      const outcome = await app.canceller.cancel(req.params.id!);
      if (outcome.kind === 'missing') throw notFound();
      if (outcome.kind === 'final') {
        throw conflict(`The task is already in state '${outcome.task.state}' and cannot be canceled.`);
      }
      return { status: 200, body: await readTask(req, app) };
    },
  },
  {
    method: 'DELETE',
    path: '/pulp/api/v3/tasks/{id}/',
    operationId: 'tasks_delete',
    access: tasksAccess.on('destroy'),
    summary: 'Delete a finished task',
    tags: ['Tasks'],
    hrefParameter: TASK_HREF,
    responses: {
      204: { description: 'Deleted.' },
      404: { description: 'Not found.' },
      409: { description: 'The task is not finished.' },
    },
    handler: async (req, app) => {
      const outcome = await app.taskStore.delete(req.params.id!);
      if (outcome === 'missing') throw notFound();
      if (outcome === 'not-final') throw conflict('Only finished tasks can be deleted; cancel it first.');
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    path: '/pulp/api/v3/tasks/purge/',
    operationId: 'tasks_purge',
    access: { viewset: 'tasks', action: 'purge' },
    summary: 'Purge finished tasks',
    tags: ['Tasks'],
    body: { schema: PurgeSchema, contentTypes: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'] },
    responses: { 202: { description: 'The purge task.', schema: 'task' } },
    handler: async (req, app) => {
      const finishedBefore = (req.body.finished_before as Date | undefined) ?? new Date(Date.now() - 30 * 86_400_000);
      const task = await app.dispatcher.dispatchTask(
        purgeTask,
        { finished_before: finishedBefore.toISOString(), states: (req.body.states as string[] | undefined) ?? ['completed'] },
        { loggingCid: req.correlationId },
      );
      return { status: 202, body: { task: taskHref(task.id) } };
    },
  },
  ...objectRoleRoutes({
    path: '/pulp/api/v3/tasks/{id}/',
    operationPrefix: 'tasks',
    hrefParameter: TASK_HREF,
    tags: ['Tasks'],
    access: tasksAccess,
    model: 'core.task',
    find: async (app, id) => {
      if (!(await app.taskStore.get(id))) throw notFound();
    },
  }),
];
