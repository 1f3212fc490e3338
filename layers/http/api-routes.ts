import type { App } from '../app/app';
import { API_REVISION, appVersions, CORE_VERSION } from '../core/status/versions';
import { pluginRoutes } from '../plugins/routes';
import { buildOpenApiDocument } from './openapi';
import type { Route } from './route';
import { docsRoutes } from './routes/docs-routes';
import { statusRoutes } from './routes/status-routes';
import { taskGroupRoutes } from './routes/task-group-routes';
import { taskRoutes } from './routes/task-routes';
import { workerRoutes } from './routes/worker-routes';
import { f, schema } from './schema/fields';

const OpenApiSchema = schema('OpenApiDocument', { openapi: f.string(), info: f.json(), paths: f.json() });

/** The whole API: core routes, every plugin's routes, and the document describing them all. */
export function apiRoutes(): Route<App>[] {
  const routes: Route<App>[] = [
    ...statusRoutes,
    ...taskRoutes,
    ...taskGroupRoutes,
    ...workerRoutes,
    ...docsRoutes,
    ...pluginRoutes(),
  ];
  let document: unknown;
  const docs: Route<App> = {
    method: 'GET',
    path: '/pulp/api/v3/docs/api.json',
    operationId: 'docs_api_json',
    summary: 'The OpenAPI 3 document of this API',
    tags: ['Docs'],
    public: true,
    responses: { 200: { description: 'OpenAPI document.', schema: OpenApiSchema } },
    handler: async () => {
      document ??= buildOpenApiDocument(all, {
        title: 'Pulp 3 API',
        version: `${CORE_VERSION}+serverless.${API_REVISION}`,
        appVersions: appVersions(),
      });
      return { status: 200, body: document };
    },
  };
  const all = [...routes, docs];
  return all;
}
