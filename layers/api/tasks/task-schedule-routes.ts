import type { App } from '../../app/app';
import { notFound } from '../../http/errors';
import { applyFieldSelection, listQueryParams, pageWindow, paginate } from '../../http/pagination';
import type { ApiRequest, Route } from '../../http/route';
import { f } from '../../http/schema/fields';
import { serializeTaskSchedule, TaskScheduleSchema } from './task-schedule-serializer';

const select = (req: ApiRequest, body: Record<string, unknown>) =>
  applyFieldSelection(body, req.query.fields as string[] | undefined, req.query.exclude_fields as string[] | undefined);

/** Pulp's task schedules: read-only over the API (as in pulpcore), fired by the sweeper. */
export const taskScheduleRoutes: Route<App>[] = [
  {
    method: 'GET',
    path: '/pulp/api/v3/task-schedules/',
    operationId: 'task_schedules_list',
    summary: 'List task schedules',
    tags: ['Task-Schedules'],
    query: listQueryParams([
      { name: 'name', field: f.string() },
      { name: 'name__contains', field: f.string() },
      { name: 'task_name', field: f.string() },
      { name: 'task_name__contains', field: f.string() },
    ]),
    access: { viewset: 'task-schedules', action: 'list' },
    responses: { 200: { description: 'A page of task schedules.', schema: { paginated: TaskScheduleSchema } } },
    handler: async (req, app) => {
      const window = pageWindow(req.query);
      const { count, results } = await app.taskSchedules.list(
        {
          name: req.query.name as string | undefined,
          nameContains: req.query.name__contains as string | undefined,
          taskName: req.query.task_name as string | undefined,
          taskNameContains: req.query.task_name__contains as string | undefined,
        },
        window,
      );
      const items = results.map((s) => select(req, serializeTaskSchedule(s)));
      return { status: 200, body: paginate({ count, results: items, ...window, path: req.path, rawQuery: req.rawQuery }) };
    },
  },
  {
    method: 'GET',
    path: '/pulp/api/v3/task-schedules/{id}/',
    operationId: 'task_schedules_read',
    summary: 'Inspect a task schedule',
    tags: ['Task-Schedules'],
    hrefParameter: { name: 'task_schedule_href', prefix: '/pulp/api/v3/task-schedules/{id}/' },
    query: [
      { name: 'fields', field: f.array(f.string()), explode: false },
      { name: 'exclude_fields', field: f.array(f.string()), explode: false },
    ],
    access: { viewset: 'task-schedules', action: 'retrieve' },
    responses: { 200: { description: 'The task schedule.', schema: TaskScheduleSchema }, 404: { description: 'Not found.' } },
    handler: async (req, app) => {
      const schedule = await app.taskSchedules.get(req.params.id!);
      if (!schedule) throw notFound();
      return { status: 200, body: select(req, serializeTaskSchedule(schedule)) };
    },
  },
];
