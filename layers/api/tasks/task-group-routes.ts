import type { App } from '../../app/app';
import type { TaskGroup } from '../../core/tasks/task-group';
import { notFound } from '../../http/errors';
import { applyFieldSelection, listQueryParams, pageWindow, paginate } from '../../http/pagination';
import type { ApiRequest, Route } from '../../http/route';
import { f, schema } from '../../http/schema/fields';
import { taskHref } from './task-serializer';

const GROUPS = '/pulp/api/v3/task-groups/';

export const TaskGroupSchema = schema('TaskGroup', {
  pulp_href: f.href({ readOnly: true }),
  prn: f.string({ readOnly: true }),
  description: f.string({ readOnly: true }),
  all_tasks_dispatched: f.boolean({ readOnly: true }),
  waiting: f.integer({ readOnly: true }),
  skipped: f.integer({ readOnly: true }),
  running: f.integer({ readOnly: true }),
  completed: f.integer({ readOnly: true }),
  canceled: f.integer({ readOnly: true }),
  failed: f.integer({ readOnly: true }),
  canceling: f.integer({ readOnly: true }),
  group_progress_reports: f.array(f.json(), { readOnly: true }),
  tasks: f.array(f.json(), { readOnly: true }),
});

function serializeGroup(g: TaskGroup): Record<string, unknown> {
  return {
    pulp_href: `${GROUPS}${g.id}/`,
    prn: `prn:core.taskgroup:${g.id}`,
    description: g.description,
    all_tasks_dispatched: g.allTasksDispatched,
    ...g.counts,
    group_progress_reports: [],
    tasks: g.tasks.map((t) => ({ pulp_href: taskHref(t.id), prn: `prn:core.task:${t.id}`, name: t.name, state: t.state })),
  };
}

const select = (req: ApiRequest, body: Record<string, unknown>) =>
  applyFieldSelection(body, req.query.fields as string[] | undefined, req.query.exclude_fields as string[] | undefined);

export const taskGroupRoutes: Route<App>[] = [
  {
    method: 'GET',
    path: GROUPS,
    operationId: 'task_groups_list',
    access: { viewset: 'task-groups', action: 'list', scope: [{ permission: 'core.view_task' }] },
    summary: 'List task groups',
    tags: ['Task-Groups'],
    query: listQueryParams(),
    responses: { 200: { description: 'A page of task groups.', schema: { paginated: TaskGroupSchema } } },
    handler: async (req, app) => {
      const window = pageWindow(req.query);
      const { count, results } = await app.taskGroups.list(window, req.scope);
      const items = results.map((g) => select(req, serializeGroup(g)));
      return { status: 200, body: paginate({ count, results: items, ...window, path: req.path, rawQuery: req.rawQuery }) };
    },
  },
  {
    method: 'GET',
    path: `${GROUPS}{id}/`,
    operationId: 'task_groups_read',
    access: { viewset: 'task-groups', action: 'retrieve' },
    summary: 'Inspect a task group',
    tags: ['Task-Groups'],
    hrefParameter: { name: 'task_group_href', prefix: `${GROUPS}{id}/` },
    query: [
      { name: 'fields', field: f.array(f.string()), explode: false },
      { name: 'exclude_fields', field: f.array(f.string()), explode: false },
    ],
    responses: { 200: { description: 'The task group.', schema: TaskGroupSchema }, 404: { description: 'Not found.' } },
    handler: async (req, app) => {
      const group = await app.taskGroups.get(req.params.id!);
      if (!group) throw notFound();
      return { status: 200, body: select(req, serializeGroup(group)) };
    },
  },
];
