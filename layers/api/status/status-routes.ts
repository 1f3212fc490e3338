import type { App } from '../../app/app';
import type { Route } from '../../http/route';
import { f, schema } from '../../http/schema/fields';


export const StatusSchema = schema('Status', {
  versions: f.array(f.json()),
  online_workers: f.array(f.json()),
  online_api_apps: f.array(f.json()),
  online_content_apps: f.array(f.json()),
  database_connection: f.json(),
  redis_connection: f.json({ nullable: true }),
  storage: f.json({ nullable: true }),
  content_settings: f.json(),
  domain_enabled: f.boolean(),
});

export const statusRoutes: Route<App>[] = [
  {
    method: 'GET',
    path: '/pulp/api/v3/status/',
    operationId: 'status_read',
    access: { viewset: 'status', action: 'retrieve' },
    summary: 'Inspect status of Pulp',
    tags: ['Status'],
    public: true,
    responses: { 200: { description: 'The status of this Pulp installation.', schema: StatusSchema } },
    handler: async (_req, app) => ({ status: 200, body: await app.status.status() }),
  },
];
