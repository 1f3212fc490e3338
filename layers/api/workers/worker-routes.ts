import type { App } from '../../app/app';
import { notFound } from '../../http/errors';
import { applyFieldSelection, listQueryParams, pageWindow, paginate } from '../../http/pagination';
import type { Route } from '../../http/route';
import { f } from '../../http/schema/fields';
import { serializeWorker, WorkerSchema } from './worker-serializer';

export const workerRoutes: Route<App>[] = [
  {
    method: 'GET',
    path: '/pulp/api/v3/workers/',
    operationId: 'workers_list',
    summary: 'List workers',
    tags: ['Workers'],
    query: listQueryParams([
      { name: 'name', field: f.string() },
      { name: 'online', field: f.boolean() },
    ]),
    responses: { 200: { description: 'A page of workers.', schema: { paginated: WorkerSchema } } },
    handler: async (req, app) => {
      const window = pageWindow(req.query);
      const { count, results } = await app.workers.list(
        {
          name: req.query.name as string | undefined,
          online: req.query.online as boolean | undefined,
          ttlSeconds: app.config.workerTtlSeconds,
        },
        window,
      );
      const fields = req.query.fields as string[] | undefined;
      const exclude = req.query.exclude_fields as string[] | undefined;
      const items = results.map((w) => applyFieldSelection(serializeWorker(w), fields, exclude));
      return { status: 200, body: paginate({ count, results: items, ...window, path: req.path, rawQuery: req.rawQuery }) };
    },
  },
  {
    method: 'GET',
    path: '/pulp/api/v3/workers/{id}/',
    operationId: 'workers_read',
    summary: 'Inspect a worker',
    tags: ['Workers'],
    hrefParameter: { name: 'worker_href', prefix: '/pulp/api/v3/workers/{id}/' },
    query: [
      { name: 'fields', field: f.array(f.string()), explode: false },
      { name: 'exclude_fields', field: f.array(f.string()), explode: false },
    ],
    responses: { 200: { description: 'The worker.', schema: WorkerSchema }, 404: { description: 'Not found.' } },
    handler: async (req, app) => {
      const worker = await app.workers.get(req.params.id!);
      if (!worker) throw notFound();
      return { status: 200, body: serializeWorker(worker) };
    },
  },
];
