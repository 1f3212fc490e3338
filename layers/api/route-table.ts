import type { App } from '../app/app';
import { API_REVISION, appVersions, CORE_VERSION, type ComponentVersion } from '../core/status/versions';
import { buildOpenApiDocument } from '../http/openapi';
import type { Route } from '../http/route';
import { f, schema } from '../http/schema/fields';
import type { InstalledTypes } from '../plugin-api/installed-types';
import { accessPolicyRoutes } from './access/access-policy-routes';
import { groupRoutes } from './access/group-routes';
import { roleRoutes } from './access/role-routes';
import { tokenRoutes } from './access/token-routes';
import { userRoutes } from './access/user-routes';
import { artifactRoutes } from './artifacts/artifact-routes';
import { contentGuardRoutes } from './content-guards/guard-routes';
import { contentRoutes, genericContentListRoute } from './content/content-routes';
import { docsRoutes } from './docs/docs-routes';
import { distributionRoutes, genericDistributionListRoute } from './distributions/distribution-routes';
import { orphanCleanupRoute } from './orphans/orphan-routes';
import { genericPublicationListRoute, publicationRoutes } from './publications/publication-routes';
import { genericRemoteListRoute, remoteRoutes } from './remotes/remote-routes';
import { genericRepositoryListRoute, repositoryRoutes } from './repositories/repository-routes';
import { genericVersionListRoute } from './repositories/version-routes';
import { statusRoutes } from './status/status-routes';
import { taskGroupRoutes } from './tasks/task-group-routes';
import { taskRoutes } from './tasks/task-routes';
import { taskScheduleRoutes } from './tasks/task-schedule-routes';
import { uploadRoutes } from './uploads/upload-routes';
import { workerRoutes } from './workers/worker-routes';

const OpenApiSchema = schema('OpenApiDocument', { openapi: f.string(), info: f.json(), paths: f.json() });

/**
 * The whole API: core's own routes, the standard endpoints of every installed type, each
 * plugin's own routes, and the document describing them all. Built once per process.
 */
export function apiRoutes(types: InstalledTypes, components: readonly ComponentVersion[]): Route<App>[] {
  const routes: Route<App>[] = [
    ...statusRoutes,
    ...taskRoutes,
    ...taskGroupRoutes,
    ...taskScheduleRoutes,
    ...workerRoutes,
    ...docsRoutes,
    ...artifactRoutes,
    ...uploadRoutes,
    orphanCleanupRoute,
    genericRepositoryListRoute(types),
    genericVersionListRoute(types),
    genericRemoteListRoute(types),
    genericContentListRoute(types),
    genericPublicationListRoute(types),
    genericDistributionListRoute(types),
    ...userRoutes,
    ...groupRoutes,
    ...roleRoutes,
    ...accessPolicyRoutes,
    ...contentGuardRoutes(),
    ...tokenRoutes,
    ...types.repositories.all.flatMap(repositoryRoutes),
    ...types.remotes.all.flatMap(remoteRoutes),
    ...types.content.all.flatMap((t) => contentRoutes(t, types)),
    ...types.publications.all.flatMap(publicationRoutes),
    ...types.distributions.all.flatMap(distributionRoutes),
    // A plugin's own routes get the services plugins may use, not the whole app.
    ...types.plugins.flatMap((p) => (p.routes ?? []).map((r): Route<App> => ({ ...r, handler: (req, app) => r.handler(req, app.plugins) }))),
  ];
  let document: unknown;
  const docs: Route<App> = {
    method: 'GET',
    path: '/pulp/api/v3/docs/api.json',
    operationId: 'docs_api_json',
    summary: 'The OpenAPI 3 document of this API',
    tags: ['Docs'],
    public: true,
    access: { viewset: 'docs', action: 'retrieve' },
    responses: { 200: { description: 'OpenAPI document.', schema: OpenApiSchema } },
    handler: async () => {
      document ??= buildOpenApiDocument(all, {
        title: 'Pulp 3 API',
        version: `${CORE_VERSION}+serverless.${API_REVISION}`,
        appVersions: appVersions(components),
      });
      return { status: 200, body: document };
    },
  };
  const all = [...routes, docs];
  return all;
}
