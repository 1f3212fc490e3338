import type { App } from '../../app/app';
import { generalUpdate } from '../../core/tasks/core-tasks';
import type { Repository } from '../../core/models/repository';
import type { RepositoryPatch } from '../../core/ports/repository-store';
import { notFound, validationError } from '../../http/errors';
import { listQueryParams } from '../../http/pagination';
import type { Route } from '../../http/route';
import type { RepositoryTypeDefinition } from '../../plugin-api/definitions/object-types';
import type { Installed, InstalledTypes } from '../../plugin-api/installed-types';
import { objectRoleRoutes } from '../access/object-role-routes';
import { typedAccess, viewRules } from '../access/route-access';
import { extraDefaults, extraFromBody } from '../common/extra-fields';
import { labelTerms, ordering, str, textMatch, textParams } from '../common/filters';
import { labelRoutes } from '../common/label-routes';
import { deleteRoute, readRoute } from '../common/object-routes';
import { bodyId, doesNotExist, filterId, idsIn, repositoryPrefixes } from '../common/references';
import { badRequestResponse, dispatchResponse, FORMS, listResponse, notFoundResponse, taskResponse } from '../common/responses';
import { modifyRoute } from './modify-route';
import { GenericRepositorySchema, repositorySchema } from './repository-schema';
import { serializeRepository } from './repository-serializer';
import { syncRoute } from './sync-route';
import { versionRoutes } from './version-routes';

const ORDERING = ['name', 'pulp_created', 'pulp_last_updated', 'description'];

/** The repository of `{id}` if it is of this type, or 404. */
export async function repositoryOr404(app: App, pulpType: string, id: string): Promise<Repository> {
  const repo = await app.services.repositories.get(id);
  if (!repo || repo.pulpType !== pulpType) throw notFound();
  return repo;
}

/** Body fields → a patch, with references, uniqueness and the type's own fields checked (400s). */
async function toPatch(app: App, type: Installed<RepositoryTypeDefinition>, body: Record<string, unknown>, current?: Repository): Promise<RepositoryPatch> {
  const patch: RepositoryPatch = {};
  if ('name' in body) {
    if (String(body.name).trim() === '') throw validationError({ name: ['This field may not be blank.'] });
    if (await app.services.repositories.nameTaken(String(body.name), current?.id)) throw validationError({ name: ['This field must be unique.'] });
    patch.name = body.name as string;
  }
  if ('description' in body) patch.description = body.description as string | null;
  if ('pulp_labels' in body) patch.pulpLabels = body.pulp_labels as Record<string, string>;
  if ('retain_repo_versions' in body) patch.retainRepoVersions = body.retain_repo_versions as number | null;
  if ('retain_checkpoints' in body) patch.retainCheckpoints = body.retain_checkpoints as number | null;
  if ('autopublish' in body) patch.autopublish = body.autopublish as boolean;
  if ('remote' in body) {
    if (body.remote === null) patch.remoteId = null;
    else {
      const prefixes = type.definition.remoteTypes.map((t) => app.types.remotes.get(t).names.endpoint);
      const id = bodyId(app, 'remote', prefixes, body.remote);
      const remote = await app.services.remotes.get(id);
      if (!remote || !type.definition.remoteTypes.includes(remote.pulpType)) throw doesNotExist('remote');
      patch.remoteId = id;
    }
  }
  const extra = extraFromBody(type.definition.fields, body);
  if (Object.keys(extra.errors).length) throw validationError(extra.errors);
  if (Object.keys(extra.values).length) patch.extra = { ...(current?.extra ?? {}), ...extra.values };
  return patch;
}

function unchanged(repo: Repository, patch: RepositoryPatch): boolean {
  return Object.entries(patch).every(([k, v]) => JSON.stringify(repo[k as keyof Repository]) === JSON.stringify(v));
}

/** Everything Pulp serves for one repository type: CRUD, labels, modify, sync and versions. */
export function repositoryRoutes(type: Installed<RepositoryTypeDefinition>): Route<App>[] {
  const { names, definition } = type;
  const Schema = repositorySchema(type);
  const detail = `${names.endpoint}{id}/`;
  const href = { name: names.hrefParameter, prefix: detail };
  const tags = [names.tag];
  const orNotFound = (app: App, id: string) => repositoryOr404(app, definition.pulpType, id);
  const access = typedAccess(names);
  const routes: Route<App>[] = [
    {
      method: 'GET',
      path: names.endpoint,
      operationId: `${names.operationPrefix}_list`,
      summary: `List ${definition.app} repositories`,
      tags,
      query: listQueryParams([...textParams('name'), str('pulp_label_select'), str('remote'), str('q')]),
      access: access.list,
      responses: { 200: { description: 'A page of repositories.', schema: { paginated: Schema } } },
      handler: async (req, app) => {
        const q = req.query;
        const remotePrefixes = definition.remoteTypes.map((t) => app.types.remotes.get(t).names.endpoint);
        const filter = {
          pulpType: definition.pulpType,
          ids: idsIn(app, q, [names.endpoint]),
          name: textMatch(q, 'name'),
          remoteId: q.remote === 'null' ? null : filterId(app, q, 'remote', remotePrefixes),
          labels: labelTerms(q),
          ordering: ordering(q, ORDERING),
          scope: req.scope,
        };
        return listResponse(req, (w) => app.services.repositories.list(filter, w), (r) => serializeRepository(app, r));
      },
    },
    {
      method: 'POST',
      path: names.endpoint,
      operationId: `${names.operationPrefix}_create`,
      summary: `Create a ${definition.app} repository`,
      tags,
      body: { schema: Schema, contentTypes: [...FORMS] },
      access: access.create,
      responses: { 201: { description: 'The repository.', schema: Schema }, ...badRequestResponse },
      handler: async (req, app) => {
        const patch = await toPatch(app, type, req.body);
        const repo = await app.services.repositories.create({
          pulpType: definition.pulpType,
          name: patch.name!,
          description: patch.description ?? null,
          pulpLabels: patch.pulpLabels ?? {},
          retainRepoVersions: patch.retainRepoVersions ?? null,
          retainCheckpoints: patch.retainCheckpoints ?? null,
          remoteId: patch.remoteId ?? null,
          autopublish: patch.autopublish ?? false,
          extra: { ...extraDefaults(definition.fields), ...(patch.extra ?? {}) },
        });
        return { status: 201, body: serializeRepository(app, repo) };
      },
    },
    readRoute({ names, access, summary: `Inspect a ${definition.app} repository`, schema: Schema, find: orNotFound, serialize: serializeRepository }),
    {
      method: 'PATCH',
      path: detail,
      operationId: `${names.operationPrefix}_partial_update`,
      summary: `Update a ${definition.app} repository`,
      tags,
      hrefParameter: href,
      body: { schema: Schema, contentTypes: [...FORMS], partial: true },
      access: access.on('partial_update'),
      responses: { 200: { description: 'Nothing changed.', schema: Schema }, ...taskResponse, ...badRequestResponse, ...notFoundResponse },
      handler: async (req, app) => {
        const repo = await orNotFound(app, req.params.id!);
        const patch = await toPatch(app, type, req.body, repo);
        if (unchanged(repo, patch)) return { status: 200, body: serializeRepository(app, repo) };
        return dispatchResponse(app, req, generalUpdate, { kind: 'repository', id: repo.id, patch: patch as Record<string, unknown> }, {
          exclusiveResources: [app.hrefs.prn('repositories', repo.pulpType, repo.id)],
          immediate: true,
        });
      },
    },
    deleteRoute({ names, access, summary: `Delete a ${definition.app} repository`, find: orNotFound, kind: 'repository', prnKind: 'repositories' }),
    ...labelRoutes({
      path: detail,
      operationPrefix: names.operationPrefix,
      hrefParameter: href,
      tags,
      access,
      labelsOf: async (app, id) => (await orNotFound(app, id)).pulpLabels,
      setLabels: async (app, id, labels) => void (await app.services.repositories.update(id, { pulpLabels: labels })),
    }),
    modifyRoute(type, access.on('modify')),
    ...versionRoutes(type),
    ...objectRoleRoutes({ path: detail, operationPrefix: names.operationPrefix, hrefParameter: href, tags, access, model: names.model, find: orNotFound }),
  ];
  if (definition.sync) routes.push(syncRoute(type, definition.sync, access.on('sync')));
  return routes;
}

/** Pulp's generic `repositories/` list: every repository of every type. */
export function genericRepositoryListRoute(types: InstalledTypes): Route<App> {
  return {
    method: 'GET',
    path: '/pulp/api/v3/repositories/',
    operationId: 'repositories_list',
    summary: 'List repositories',
    tags: ['Repositories'],
    query: listQueryParams([...textParams('name'), str('pulp_label_select')]),
    access: { viewset: 'repositories', action: 'list', scope: viewRules(types.repositories.all.map((t) => t.names)) },
    responses: { 200: { description: 'A page of repositories.', schema: { paginated: GenericRepositorySchema } } },
    handler: (req, app) => {
      const q = req.query;
      const filter = { ids: idsIn(app, q, repositoryPrefixes(app)), name: textMatch(q, 'name'), labels: labelTerms(q), ordering: ordering(q, ORDERING), scope: req.scope };
      return listResponse(req, (w) => app.services.repositories.list(filter, w), (r) => serializeRepository(app, r));
    },
  };
}
