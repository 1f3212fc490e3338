import type { RouteAccess } from '../../core/access/route-access';
import type { InstalledTypes } from '../../plugin-api/installed-types';
import { viewRules, viewsetOf } from '../access/route-access';
import type { App } from '../../app/app';
import type { RepositoryVersion } from '../../core/models/repository';
import type { VersionFilter } from '../../core/ports/version-store';
import { deleteVersionTask, repairTask } from '../../core/tasks/core-tasks';
import { notFound, validationError } from '../../http/errors';
import { listQueryParams } from '../../http/pagination';
import type { ApiRequest, QueryParam, Route } from '../../http/route';
import { f, schema } from '../../http/schema/fields';
import type { RepositoryTypeDefinition } from '../../plugin-api/definitions/object-types';
import type { Installed } from '../../plugin-api/installed-types';
import { csv, dateParams, dateRange, detailParams, int, ordering, str } from '../common/filters';
import { noUrlMatch } from '../common/references';
import { badRequestResponse, dispatchResponse, FORMS, listResponse, notFoundResponse, select, taskResponse } from '../common/responses';
import { repositoryOr404 } from './repository-routes';
import { RepositoryVersionSchema } from './version-schema';
import { serializeVersion } from './version-serializer';

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

/** Query values → a version filter (shared with the generic repository_versions list). */
export function versionFilter(app: App, q: Record<string, unknown>): VersionFilter {
  const range = q.number__range as number[] | undefined;
  const contentPrefixes = app.types.content.endpoints();
  const contentId = (value: string, name: string) => {
    const id = app.names.idIn(contentPrefixes, value);
    if (!id) throw noUrlMatch(name);
    return id;
  };
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

/** The versions of one repository type: list, read, delete and repair. */
export function versionRoutes(type: Installed<RepositoryTypeDefinition>): Route<App>[] {
  const { names, definition } = type;
  const repoHref = { name: names.hrefParameter, prefix: `${names.endpoint}{id}/` };
  const path = `${names.endpoint}{id}/versions/{number}/`;
  const href = { name: `${names.hrefParameter.replace(/_href$/, '')}_version_href`, prefix: path };
  const tags = [`${names.tag} Versions`];
  // Versions have their own viewset; its conditions look at the repository they belong to.
  const on = (action: string): RouteAccess => ({ viewset: `${viewsetOf(names.endpoint)}/versions`, action, parent: { model: names.model, param: 'id' } });
  const versionOr404 = async (app: App, req: ApiRequest): Promise<RepositoryVersion> => {
    await repositoryOr404(app, definition.pulpType, req.params.id!);
    const v = await app.services.versions.get(req.params.id!, Number(req.params.number));
    if (!v) throw notFound();
    return v;
  };
  return [
    {
      method: 'GET',
      path: `${names.endpoint}{id}/versions/`,
      operationId: `${names.operationPrefix}_versions_list`,
      summary: 'List repository versions',
      tags,
      hrefParameter: repoHref,
      query: listQueryParams(versionFilterParams),
      access: on('list'),
      responses: { 200: { description: 'A page of versions, newest first.', schema: { paginated: RepositoryVersionSchema } }, ...notFoundResponse },
      handler: async (req, app) => {
        await repositoryOr404(app, definition.pulpType, req.params.id!);
        const filter = { ...versionFilter(app, req.query), repositoryId: req.params.id! };
        return listResponse(req, (w) => app.data.versions.list(filter, w), (v) => serializeVersion(app, v));
      },
    },
    {
      method: 'GET',
      path,
      operationId: `${names.operationPrefix}_versions_read`,
      summary: 'Inspect a repository version',
      tags,
      hrefParameter: href,
      query: detailParams,
      access: on('retrieve'),
      responses: { 200: { description: 'The version.', schema: RepositoryVersionSchema }, ...notFoundResponse },
      handler: async (req, app) => ({ status: 200, body: select(req, await serializeVersion(app, await versionOr404(app, req))) }),
    },
    {
      method: 'DELETE',
      path,
      operationId: `${names.operationPrefix}_versions_delete`,
      summary: 'Delete a repository version',
      tags,
      hrefParameter: href,
      access: on('destroy'),
      responses: { ...taskResponse, ...badRequestResponse, ...notFoundResponse },
      handler: async (req, app) => {
        const v = await versionOr404(app, req);
        if ((await app.data.versions.count(v.repositoryId)) <= 1)
          throw validationError({ detail: ['Cannot delete the only version of a repository.'] });
        if ((await app.data.versions.servedVersionIds(v.repositoryId)).has(v.id))
          throw validationError({
            detail: ['The repository version cannot be deleted because it (or its publications) are currently being used to distribute content.'],
          });
        return dispatchResponse(app, req, deleteVersionTask, { repositoryId: v.repositoryId, number: v.number }, {
          exclusiveResources: [app.hrefs.prn('repositories', v.pulpType, v.repositoryId)],
        });
      },
    },
    {
      method: 'POST',
      path: `${path}repair/`,
      operationId: `${names.operationPrefix}_versions_repair`,
      summary: 'Repair a repository version',
      tags,
      hrefParameter: href,
      body: { schema: RepairBody, contentTypes: [...FORMS] },
      access: on('repair'),
      responses: { ...taskResponse, ...notFoundResponse },
      handler: async (req, app) => {
        const v = await versionOr404(app, req);
        return dispatchResponse(app, req, repairTask, { versionId: v.id, verifyChecksums: req.body.verify_checksums !== false }, {
          sharedResources: [app.hrefs.prn('repositories', v.pulpType, v.repositoryId)],
        });
      },
    },
  ];
}

/** Pulp's `repository_versions/` list: every version of every repository type. */
export function genericVersionListRoute(types: InstalledTypes): Route<App> {
  return {
    method: 'GET',
    path: '/pulp/api/v3/repository_versions/',
    operationId: 'repository_versions_list',
    summary: 'List repository versions',
    tags: ['Repository Versions'],
    query: listQueryParams(versionFilterParams),
    access: { viewset: 'repository_versions', action: 'list', scope: viewRules(types.repositories.all.map((t) => t.names)) },
    responses: { 200: { description: 'A page of versions.', schema: { paginated: RepositoryVersionSchema } } },
    handler: (req, app) =>
      listResponse(req, (w) => app.data.versions.list({ ...versionFilter(app, req.query), scope: req.scope }, w), (v) => serializeVersion(app, v)),
  };
}

