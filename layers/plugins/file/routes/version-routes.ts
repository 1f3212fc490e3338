import type { App } from '../../../app/app';
import { notFound, validationError } from '../../../http/errors';
import { listQueryParams } from '../../../http/pagination';
import type { ApiRequest, QueryParam, Route } from '../../../http/route';
import { f, schema } from '../../../http/schema/fields';
import { idFromHref, prefixes, prns, versionFromHref } from '../hrefs';
import type { RepositoryVersion } from '../model';
import type { VersionFilter } from '../ports';
import { fileServices } from '../services';
import { RepositoryVersionSchema } from '../serializers/version';
import { TASK_NAMES } from '../tasks';
import { versionView } from '../views';
import {
  badRequest,

  csv,
  dateParams,
  dateRange,
  detailParams,
  dispatchTask,
  doesNotExist,
  int,
  listResponse,
  notFoundResponse,
  ordering,
  select,
  str,
  taskResponse,
} from './helpers';
import { REPO_HREF, repositoryOr404 } from './repository-routes';

const VERSION_PATH = `${prefixes.repository}{id}/versions/{number}/`;
export const VERSION_HREF = { name: 'file_file_repository_version_href', prefix: VERSION_PATH };
const TAGS = ['Repositories: File Versions'];

const ModifyBody = schema('RepositoryAddRemoveContent', {
  add_content_units: f.array(f.string(), { description: 'A list of content units to add to a new repository version.' }),
  remove_content_units: f.array(f.string(), { description: 'A list of content units to remove from the latest repository version. You may also specify "*" as an entry to remove all content.' }),
  base_version: f.href({ nullable: true, description: 'A repository version whose content will be used as the initial set of content for the new repository version' }),
});
const RepairBody = schema('Repair', { verify_checksums: f.boolean({ default: true }) });

export const versionFilterParams: QueryParam[] = [
  { name: 'number', field: f.integer() },
  int('number__gt'),
  int('number__gte'),
  int('number__lt'),
  int('number__lte'),
  { name: 'number__range', field: f.array(f.integer()), explode: false },
  str('content'),
  csv('content__in'),
  ...dateParams('pulp_created'),
];

const contentId = (href: string, name: string) => {
  const id = idFromHref('content', href);
  if (!id) throw validationError({ [name]: ['Invalid hyperlink - No URL match.'] });
  return id;
};

/** Query values → a version filter (shared by the generic repository_versions list). */
export function versionFilter(q: Record<string, unknown>): VersionFilter {
  const range = q.number__range as number[] | undefined;
  return {
    number: q.number as number | undefined,
    numberRange: {
      gt: q.number__gt as number | undefined,
      gte: (q.number__gte as number | undefined) ?? range?.[0],
      lt: q.number__lt as number | undefined,
      lte: (q.number__lte as number | undefined) ?? range?.[1],
    },
    containsContent: q.content ? [contentId(String(q.content), 'content')] : undefined,
    containsAnyContent: (q.content__in as string[] | undefined)?.map((h) => contentId(h, 'content__in')),
    created: dateRange(q, 'pulp_created'),
    ordering: ordering(q, ['number', 'pulp_created']),
  };
}

async function versionOr404(app: App, req: ApiRequest): Promise<RepositoryVersion> {
  const v = await fileServices(app).data.versions.get(req.params.id!, Number(req.params.number));
  if (!v) throw notFound();
  return v;
}

/** Body hrefs of content units → ids, each checked to exist. */
async function contentIds(app: App, field: string, hrefs: string[]): Promise<string[]> {
  const ids = hrefs.map((h) => {
    const id = idFromHref('content', h);
    if (!id) throw validationError({ [field]: [`Invalid hyperlink - No URL match: ${h}`] });
    return id;
  });
  const found = await fileServices(app).data.content.pathUnits([...new Set(ids)]);
  if (found.length !== new Set(ids).size) throw validationError({ [field]: ['Invalid hyperlink - Object does not exist.'] });
  return ids;
}

export const versionRoutes: Route<App>[] = [
  {
    method: 'GET',
    path: `${prefixes.repository}{id}/versions/`,
    operationId: 'repositories_file_file_versions_list',
    summary: 'List repository versions',
    tags: TAGS,
    hrefParameter: REPO_HREF,
    query: listQueryParams(versionFilterParams),
    responses: { 200: { description: 'A page of versions, newest first.', schema: { paginated: RepositoryVersionSchema } }, ...notFoundResponse },
    handler: async (req, app) => {
      await repositoryOr404(app, req.params.id!);
      return listResponse(
        req,
        (w) => fileServices(app).data.versions.list({ ...versionFilter(req.query), repositoryId: req.params.id! }, w),
        (v) => versionView(app, v),
      );
    },
  },
  {
    method: 'GET',
    path: VERSION_PATH,
    operationId: 'repositories_file_file_versions_read',
    summary: 'Inspect a repository version',
    tags: TAGS,
    hrefParameter: VERSION_HREF,
    query: detailParams,
    responses: { 200: { description: 'The version.', schema: RepositoryVersionSchema }, ...notFoundResponse },
    handler: async (req, app) => ({ status: 200, body: select(req, await versionView(app, await versionOr404(app, req))) }),
  },
  {
    method: 'DELETE',
    path: VERSION_PATH,
    operationId: 'repositories_file_file_versions_delete',
    summary: 'Delete a repository version',
    tags: TAGS,
    hrefParameter: VERSION_HREF,
    responses: { ...taskResponse, ...badRequest, ...notFoundResponse },
    handler: async (req, app) => {
      const v = await versionOr404(app, req);
      const { data } = fileServices(app);
      if ((await data.versions.count(v.repositoryId)) <= 1)
        throw validationError({ detail: ['Cannot delete the only version of a repository.'] });
      if ((await data.versions.servedVersionIds(v.repositoryId)).has(v.id))
        throw validationError({
          detail: ['The repository version cannot be deleted because it (or its publications) are currently being used to distribute content.'],
        });
      return dispatchTask(app, req, {
        name: TASK_NAMES.deleteVersion,
        args: { repositoryId: v.repositoryId, number: v.number },
        exclusive: [prns.repository(v.repositoryId)],
      });
    },
  },
  {
    method: 'POST',
    path: `${VERSION_PATH}repair/`,
    operationId: 'repositories_file_file_versions_repair',
    summary: 'Repair a repository version',
    tags: TAGS,
    hrefParameter: VERSION_HREF,
    body: { schema: RepairBody, contentTypes: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'] },
    responses: { ...taskResponse, ...notFoundResponse },
    handler: async (req, app) => {
      const v = await versionOr404(app, req);
      return dispatchTask(app, req, {
        name: TASK_NAMES.repair,
        args: { versionId: v.id, verifyChecksums: req.body.verify_checksums !== false },
        shared: [prns.repository(v.repositoryId)],
      });
    },
  },
  {
    method: 'POST',
    path: `${prefixes.repository}{id}/modify/`,
    operationId: 'repositories_file_file_modify',
    summary: 'Modify repository',
    tags: ['Repositories: File'],
    hrefParameter: REPO_HREF,
    body: { schema: ModifyBody, contentTypes: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'] },
    responses: { ...taskResponse, ...badRequest, ...notFoundResponse },
    handler: async (req, app) => {
      const repo = await repositoryOr404(app, req.params.id!);
      const add = await contentIds(app, 'add_content_units', (req.body.add_content_units as string[] | undefined) ?? []);
      const removeHrefs = (req.body.remove_content_units as string[] | undefined) ?? [];
      const remove = removeHrefs.includes('*') ? '*' : await contentIds(app, 'remove_content_units', removeHrefs);
      let baseVersion: number | undefined;
      if (req.body.base_version) {
        const v = versionFromHref(String(req.body.base_version));
        if (!v || v.repositoryId !== repo.id) throw validationError({ base_version: ['Invalid hyperlink - No URL match.'] });
        if (!(await fileServices(app).data.versions.get(repo.id, v.number))) throw doesNotExist('base_version');
        baseVersion = v.number;
      }
      return dispatchTask(app, req, {
        name: TASK_NAMES.modify,
        args: { repositoryId: repo.id, add, remove, baseVersion },
        exclusive: [prns.repository(repo.id)],
      });
    },
  },
];

