import type { App } from '../../../app/app';
import { validationError } from '../../../http/errors';
import { listQueryParams } from '../../../http/pagination';
import type { Route } from '../../../http/route';
import { f, schema } from '../../../http/schema/fields';
import { fileServices } from '../services';
import { FileContentResponse } from '../serializers/content';
import { FileDistributionSchema } from '../serializers/distribution';
import { FilePublicationResponse } from '../serializers/publication';
import { FileRepositorySchema, serializeRepository } from '../serializers/repository';
import { RepositoryVersionSchema } from '../serializers/version';
import { TASK_NAMES } from '../tasks';
import { distributionView, publicationView, versionView } from '../views';
import { contentListParams, listContent } from './content-routes';
import { distributionFilter, distributionListParams } from './distribution-routes';
import { badRequest, dispatchTask, idsIn, labelTerms, listResponse, ordering, str, taskResponse, textMatch, textParams } from './helpers';
import { publicationFilter, publicationListParams } from './publication-routes';
import { versionFilter, versionFilterParams } from './version-routes';

const API = '/pulp/api/v3/';
const OrphansCleanup = schema('OrphansCleanup', {
  content_hrefs: f.array(f.string(), { description: 'Will delete specified content and associated Artifacts if they are orphans.' }),
  orphan_protection_time: f.integer({ nullable: true, minimum: 0, description: 'The time in minutes for how long Pulp will hold orphan Content and Artifacts before they become candidates for deletion by this orphan cleanup task.' }),
});

/** The generic lists across content types (only file.file exists so far) and orphan cleanup. */
export const genericRoutes: Route<App>[] = [
  {
    method: 'GET',
    path: `${API}repositories/`,
    operationId: 'repositories_list',
    summary: 'List repositories',
    tags: ['Repositories'],
    query: listQueryParams([...textParams('name'), str('pulp_label_select')]),
    responses: { 200: { description: 'A page of repositories.', schema: { paginated: FileRepositorySchema } } },
    handler: (req, app) =>
      listResponse(
        req,
        (w) =>
          fileServices(app).data.repositories.list(
            { ids: idsIn(req.query, 'repository'), name: textMatch(req.query, 'name'), labels: labelTerms(req.query), ordering: ordering(req.query, ['name', 'pulp_created']) },
            w,
          ),
        serializeRepository,
      ),
  },
  {
    method: 'GET',
    path: `${API}repository_versions/`,
    operationId: 'repository_versions_list',
    summary: 'List repository versions',
    tags: ['Repository Versions'],
    query: listQueryParams(versionFilterParams),
    responses: { 200: { description: 'A page of versions.', schema: { paginated: RepositoryVersionSchema } } },
    handler: (req, app) => listResponse(req, (w) => fileServices(app).data.versions.list(versionFilter(req.query), w), (v) => versionView(app, v)),
  },
  {
    method: 'GET',
    path: `${API}content/`,
    operationId: 'content_list',
    summary: 'List content',
    tags: ['Content'],
    query: contentListParams,
    responses: { 200: { description: 'A page of content.', schema: { paginated: FileContentResponse } } },
    handler: (req, app) => listContent(app)(req, app),
  },
  {
    method: 'GET',
    path: `${API}publications/`,
    operationId: 'publications_list',
    summary: 'List publications',
    tags: ['Publications'],
    query: publicationListParams,
    responses: { 200: { description: 'A page of publications.', schema: { paginated: FilePublicationResponse } } },
    handler: async (req, app) => {
      const filter = await publicationFilter(app, req);
      return listResponse(req, (w) => fileServices(app).data.publications.list(filter, w), (p) => publicationView(app, p));
    },
  },
  {
    method: 'GET',
    path: `${API}distributions/`,
    operationId: 'distributions_list',
    summary: 'List distributions',
    tags: ['Distributions'],
    query: distributionListParams,
    responses: { 200: { description: 'A page of distributions.', schema: { paginated: FileDistributionSchema } } },
    handler: (req, app) => listResponse(req, (w) => fileServices(app).data.distributions.list(distributionFilter(req), w), (d) => distributionView(app, d)),
  },
  {
    method: 'POST',
    path: `${API}orphans/cleanup/`,
    operationId: 'orphans_cleanup_cleanup',
    summary: 'Clean up orphans',
    tags: ['Orphans'],
    body: { schema: OrphansCleanup, contentTypes: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'] },
    responses: { ...taskResponse, ...badRequest },
    handler: async (req, app) => {
      const hrefs = req.body.content_hrefs as string[] | undefined;
      let contentIds: string[] | undefined;
      if (hrefs) {
        contentIds = hrefs.map((h) => {
          const m = /\/([0-9a-f-]{36})\/$/i.exec(h);
          if (!m || !h.startsWith(`${API}content/`)) throw validationError({ content_hrefs: [`Invalid hyperlink - No URL match: ${h}`] });
          return m[1]!.toLowerCase();
        });
      }
      const minutes = (req.body.orphan_protection_time as number | null | undefined) ?? 1440;
      return dispatchTask(app, req, {
        name: TASK_NAMES.orphanCleanup,
        args: { contentIds, protectionMinutes: minutes },
        exclusive: ['pdrn:default:orphans'],
      });
    },
  },
];

