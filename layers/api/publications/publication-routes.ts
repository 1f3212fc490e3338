import type { App } from '../../app/app';
import type { RepositoryVersion } from '../../core/models/repository';
import type { PublicationFilter } from '../../core/ports/publication-store';
import { publishTask } from '../../core/tasks/core-tasks';
import { nonFieldError, notFound, validationError } from '../../http/errors';
import { listQueryParams } from '../../http/pagination';
import type { ApiRequest, Route } from '../../http/route';
import type { PublicationTypeDefinition } from '../../plugin-api/definitions/object-types';
import type { Installed, InstalledTypes } from '../../plugin-api/installed-types';
import { objectRoleRoutes } from '../access/object-role-routes';
import { typedAccess, viewRules } from '../access/route-access';
import { extraDefaults, extraFromBody } from '../common/extra-fields';
import { csv, dateParams, dateRange, detailParams, ordering, str } from '../common/filters';
import { bodyId, doesNotExist, filterId, findVersion, idsIn, NO_ID, noUrlMatch, repositoryPrefixes } from '../common/references';
import { badRequestResponse, dispatchResponse, FORMS, listResponse, notFoundResponse, select, taskResponse } from '../common/responses';
import { GenericPublicationSchema, publicationRequestSchema, publicationResponseSchema } from './publication-schema';
import { serializePublication } from './publication-serializer';

export const publicationListParams = listQueryParams([str('repository'), str('repository_version'), csv('content__in'), str('content'), ...dateParams('pulp_created')]);

export async function publicationFilter(app: App, req: ApiRequest, prefixes: string[]): Promise<PublicationFilter> {
  const q = req.query;
  let repositoryVersionId: string | undefined;
  if (q.repository_version !== undefined) {
    const version = await findVersion(app, String(q.repository_version));
    if (version === undefined) throw noUrlMatch('repository_version');
    repositoryVersionId = version?.id ?? NO_ID;
  }
  const contentPrefixes = app.types.content.endpoints();
  const content = [...((q.content__in as string[] | undefined) ?? []), ...(q.content ? [String(q.content)] : [])];
  return {
    ids: idsIn(app, q, prefixes),
    repositoryId: filterId(app, q, 'repository', repositoryPrefixes(app)),
    repositoryVersionId,
    contentIn: content.length ? content.map((h) => app.names.idIn(contentPrefixes, h) ?? NO_ID) : undefined,
    created: dateRange(q, 'pulp_created'),
    ordering: ordering(q, ['pulp_created']),
    scope: req.scope,
  };
}

/** One publication type's endpoints: list, create (a task running the type's publisher), read, delete. */
export function publicationRoutes(type: Installed<PublicationTypeDefinition>): Route<App>[] {
  const { names, definition } = type;
  const Request = publicationRequestSchema(type);
  const Response = publicationResponseSchema(type);
  const detail = `${names.endpoint}{id}/`;
  const href = { name: names.hrefParameter, prefix: detail };
  const tags = [names.tag];
  const handle = publishTask(definition.taskName);
  const access = typedAccess(names);
  const orNotFound = async (app: App, id: string) => {
    const p = await app.data.publications.get(id);
    if (!p || p.pulpType !== definition.pulpType) throw notFound();
    return p;
  };
  return [
    {
      method: 'GET',
      path: names.endpoint,
      operationId: `${names.operationPrefix}_list`,
      summary: `List ${definition.app} publications`,
      tags,
      query: publicationListParams,
      access: access.list,
      responses: { 200: { description: 'A page of publications.', schema: { paginated: Response } } },
      handler: async (req, app) => {
        const filter = { ...(await publicationFilter(app, req, [names.endpoint])), pulpType: definition.pulpType };
        return listResponse(req, (w) => app.data.publications.list(filter, w), (p) => serializePublication(app, p));
      },
    },
    {
      method: 'POST',
      path: names.endpoint,
      operationId: `${names.operationPrefix}_create`,
      summary: `Create a ${definition.app} publication`,
      tags,
      body: { schema: Request, contentTypes: [...FORMS] },
      access: access.create,
      responses: { ...taskResponse, ...badRequestResponse },
      handler: async (req, app) => {
        const body = req.body;
        const hasRepo = body.repository !== undefined && body.repository !== null;
        const hasVersion = body.repository_version !== undefined && body.repository_version !== null;
        if (hasRepo === hasVersion) throw nonFieldError("Either the 'repository' or 'repository_version' need to be specified but not both.");
        const repoType = app.types.repositories.get(definition.repositoryType);
        let version: RepositoryVersion;
        if (hasRepo) {
          const repoId = bodyId(app, 'repository', [repoType.names.endpoint], body.repository);
          const repo = await app.services.repositories.get(repoId);
          if (!repo || repo.pulpType !== definition.repositoryType) throw doesNotExist('repository');
          version = await app.services.versions.latest(repoId);
        } else {
          const found = await findVersion(app, String(body.repository_version));
          if (found === undefined) throw noUrlMatch('repository_version');
          if (!found || found.pulpType !== definition.repositoryType) throw doesNotExist('repository_version');
          version = found;
        }
        const extra = extraFromBody(definition.fields, body);
        if (Object.keys(extra.errors).length) throw validationError(extra.errors);
        const fields = { ...extraDefaults(definition.fields), ...extra.values };
        return dispatchResponse(app, req, handle, { pulpType: definition.pulpType, versionId: version.id, checkpoint: body.checkpoint === true, fields }, {
          sharedResources: [app.hrefs.prn('repositories', version.pulpType, version.repositoryId)],
        });
      },
    },
    {
      method: 'GET',
      path: detail,
      operationId: `${names.operationPrefix}_read`,
      summary: `Inspect a ${definition.app} publication`,
      tags,
      hrefParameter: href,
      query: detailParams,
      access: access.on('retrieve'),
      responses: { 200: { description: 'The publication.', schema: Response }, ...notFoundResponse },
      handler: async (req, app) => ({ status: 200, body: select(req, await serializePublication(app, await orNotFound(app, req.params.id!))) }),
    },
    {
      method: 'DELETE',
      path: detail,
      operationId: `${names.operationPrefix}_delete`,
      summary: `Delete a ${definition.app} publication`,
      tags,
      hrefParameter: href,
      access: access.on('destroy'),
      responses: { 204: { description: 'Deleted.' }, ...notFoundResponse },
      handler: async (req, app) => {
        const p = await orNotFound(app, req.params.id!);
        const serving = await app.indexer.distributionsOf(p.repositoryId);
        if (!(await app.services.publications.delete(p.id))) throw notFound();
        // Distributions that served it serve something else (or nothing) now.
        await app.indexer.refreshAll(serving);
        return { status: 204 };
      },
    },
    ...objectRoleRoutes({ path: detail, operationPrefix: names.operationPrefix, hrefParameter: href, tags, access, model: names.model, find: orNotFound }),
  ];
}

/** Pulp's generic `publications/` list. */
export function genericPublicationListRoute(types: InstalledTypes): Route<App> {
  return {
    method: 'GET',
    path: '/pulp/api/v3/publications/',
    operationId: 'publications_list',
    summary: 'List publications',
    tags: ['Publications'],
    query: publicationListParams,
    access: { viewset: 'publications', action: 'list', scope: viewRules(types.publications.all.map((t) => t.names)) },
    responses: { 200: { description: 'A page of publications.', schema: { paginated: GenericPublicationSchema } } },
    handler: async (req, app) => {
      const filter = await publicationFilter(app, req, app.types.publications.endpoints());
      return listResponse(req, (w) => app.data.publications.list(filter, w), (p) => serializePublication(app, p));
    },
  };
}
