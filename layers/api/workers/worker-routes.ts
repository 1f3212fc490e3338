import type { App } from '../../app/app';
import { notFound } from '../../http/errors';
import { applyFieldSelection, listQueryParams, pageWindow, paginate } from '../../http/pagination';
import type { Route } from '../../http/route';
import { f } from '../../http/schema/fields';
import { dateParams, dateRange, detailParams, ordering, textMatch, textParams } from '../common/filters';
import { serializeWorker, WorkerSchema } from './worker-serializer';

export const workerRoutes: Route<App>[] = [
  {
    method: 'GET',
    path: '/pulp/api/v3/workers/',
    operationId: 'workers_list',
    access: { viewset: 'workers', action: 'list' },
    summary: 'List workers',
    tags: ['Workers'],
    query: listQueryParams([
      ...textParams('name'),
      ...dateParams('last_heartbeat'),
      { name: 'online', field: f.boolean(), description: 'Workers seen within WORKER_TTL.' },
      { name: 'missing', field: f.boolean(), description: 'Workers known but not seen within WORKER_TTL.' },
    ]),
    responses: { 200: { description: 'A page of workers.', schema: { paginated: WorkerSchema } } },
    handler: async (req, app) => {
      const window = pageWindow(req.query);
      const { count, results } = await app.workers.list(
        {
          name: textMatch(req.query, 'name'),
          lastHeartbeat: dateRange(req.query, 'last_heartbeat'),
          online: req.query.online as boolean | undefined,
          missing: req.query.missing as boolean | undefined,
          ttlSeconds: app.config.workerTtlSeconds,
          ordering: ordering(req.query, ['name', 'last_heartbeat', 'pulp_created']),
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
    access: { viewset: 'workers', action: 'retrieve' },
    summary: 'Inspect a worker',
    tags: ['Workers'],
    hrefParameter: { name: 'worker_href', prefix: '/pulp/api/v3/workers/{id}/' },
    query: detailParams,
    responses: { 200: { description: 'The worker.', schema: WorkerSchema }, 404: { description: 'Not found.' } },
    handler: async (req, app) => {
      const worker = await app.workers.get(req.params.id!);
      if (!worker) throw notFound();
      return { status: 200, body: serializeWorker(worker) };
    },
  },
];
