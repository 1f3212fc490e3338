import type { App } from '../../../app/app';
import { nonFieldError, notFound, validationError } from '../../../http/errors';
import { listQueryParams } from '../../../http/pagination';
import type { ApiRequest, Route } from '../../../http/route';
import { idFromHref, prefixes, prns, versionFromHref } from '../hrefs';
import type { PublicationFilter } from '../ports';
import { fileServices } from '../services';
import { FilePublicationResponse, FilePublicationSchema } from '../serializers/publication';
import { TASK_NAMES } from '../tasks';
import { publicationView } from '../views';
import {
  badRequest,
  bodyId,
  csv,
  dateParams,
  dateRange,
  detailParams,
  dispatchTask,
  doesNotExist,
  filterId,
  idsIn,
  listResponse,
  notFoundResponse,
  ordering,
  select,
  str,
  taskResponse,
  checkManifestName,
} from './helpers';

const PUBLICATION_HREF = { name: 'file_file_publication_href', prefix: `${prefixes.publication}{id}/` };
const TAGS = ['Publications: File'];

export const publicationListParams = listQueryParams([str('repository'), str('repository_version'), csv('content__in'), str('content'), ...dateParams('pulp_created')]);

export async function publicationFilter(app: App, req: ApiRequest): Promise<PublicationFilter> {
  const q = req.query;
  let repositoryVersionId: string | undefined;
  if (q.repository_version !== undefined) {
    const v = versionFromHref(String(q.repository_version));
    if (!v) throw validationError({ repository_version: ['Invalid hyperlink - No URL match.'] });
    repositoryVersionId = (await fileServices(app).data.versions.get(v.repositoryId, v.number))?.id ?? '00000000-0000-0000-0000-000000000000';
  }
  const content = [...((q.content__in as string[] | undefined) ?? []), ...(q.content ? [String(q.content)] : [])];
  return {
    ids: idsIn(q, 'publication'),
    repositoryId: filterId(q, 'repository', 'repository'),
    repositoryVersionId,
    contentIn: content.length ? content.map((h) => idFromHref('content', h) ?? '00000000-0000-0000-0000-000000000000') : undefined,
    created: dateRange(q, 'pulp_created'),
    ordering: ordering(q, ['pulp_created']),
  };
}

export const publicationRoutes: Route<App>[] = [
  {
    method: 'GET',
    path: prefixes.publication,
    operationId: 'publications_file_file_list',
    summary: 'List file publications',
    tags: TAGS,
    query: publicationListParams,
    responses: { 200: { description: 'A page of publications.', schema: { paginated: FilePublicationResponse } } },
    handler: async (req, app) => {
      const filter = await publicationFilter(app, req);
      return listResponse(req, (w) => fileServices(app).data.publications.list(filter, w), (p) => publicationView(app, p));
    },
  },
  {
    method: 'POST',
    path: prefixes.publication,
    operationId: 'publications_file_file_create',
    summary: 'Create a file publication',
    tags: TAGS,
    body: { schema: FilePublicationSchema, contentTypes: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'] },
    responses: { ...taskResponse, ...badRequest },
    handler: async (req, app) => {
      const { data } = fileServices(app);
      const body = req.body;
      const hasRepo = body.repository !== undefined && body.repository !== null;
      const hasVersion = body.repository_version !== undefined && body.repository_version !== null;
      if (hasRepo === hasVersion)
        throw nonFieldError("Either the 'repository' or 'repository_version' need to be specified but not both.");
      checkManifestName(body.manifest);
      let version;
      if (hasRepo) {
        const repoId = bodyId('repository', 'repository', body.repository);
        if (!(await data.repositories.get(repoId))) throw doesNotExist('repository');
        version = await data.versions.latest(repoId);
      } else {
        const ref = versionFromHref(String(body.repository_version));
        if (!ref) throw validationError({ repository_version: ['Invalid hyperlink - No URL match.'] });
        version = await data.versions.get(ref.repositoryId, ref.number);
        if (!version) throw doesNotExist('repository_version');
      }
      return dispatchTask(app, req, {
        name: TASK_NAMES.publish,
        args: { versionId: version.id, manifest: body.manifest === undefined ? 'PULP_MANIFEST' : body.manifest, checkpoint: body.checkpoint ?? false },
        shared: [prns.repository(version.repositoryId)],
      });
    },
  },
  {
    method: 'GET',
    path: `${prefixes.publication}{id}/`,
    operationId: 'publications_file_file_read',
    summary: 'Inspect a file publication',
    tags: TAGS,
    hrefParameter: PUBLICATION_HREF,
    query: detailParams,
    responses: { 200: { description: 'The publication.', schema: FilePublicationResponse }, ...notFoundResponse },
    handler: async (req, app) => {
      const p = await fileServices(app).data.publications.get(req.params.id!);
      if (!p) throw notFound();
      return { status: 200, body: select(req, await publicationView(app, p)) };
    },
  },
  {
    method: 'DELETE',
    path: `${prefixes.publication}{id}/`,
    operationId: 'publications_file_file_delete',
    summary: 'Delete a file publication',
    tags: TAGS,
    hrefParameter: PUBLICATION_HREF,
    responses: { 204: { description: 'Deleted.' }, ...notFoundResponse },
    handler: async (req, app) => {
      if (!(await fileServices(app).publications.delete(req.params.id!))) throw notFound();
      return { status: 204 };
    },
  },
];
