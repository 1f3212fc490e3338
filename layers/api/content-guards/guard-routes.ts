import type { App } from '../../app/app';
import type { ContentGuard, GuardPatch, NewGuard } from '../../core/access/content-guard';
import { GUARD_TYPES, type GuardType } from '../../core/access/core-viewsets';
import { parseJqPath } from '../../core/access/jq-path';
import { newId } from '../../core/ids';
import { notFound, validationError } from '../../http/errors';
import { listQueryParams } from '../../http/pagination';
import type { Route } from '../../http/route';
import { f, schema } from '../../http/schema/fields';
import { permissionName } from '../../core/access/viewset-access';
import { objectRoleRoutes } from '../access/object-role-routes';
import { coreAccess, viewRules, viewsetOf } from '../access/route-access';
import { detailParams, ordering, textMatch, textParams } from '../common/filters';
import { idsIn } from '../common/references';
import { badRequestResponse, FORMS, listResponse, notFoundResponse, select } from '../common/responses';
import { CONTENT_GUARDS, GUARD_PREFIXES, guardEndpoint } from './guard-names';
import { GenericGuardSchema, guardSchema, serializeGuard } from './guard-serializer';

const ORDERING = ['name', 'pulp_created', 'pulp_last_updated'];
const listParams = listQueryParams(textParams('name'));

/** Body fields → the guard's values, each checked (400 in Pulp's words). */
async function valuesOf(app: App, g: GuardType, body: Record<string, unknown>, current?: ContentGuard): Promise<GuardPatch> {
  const patch: GuardPatch = {};
  if ('name' in body) {
    const name = String(body.name);
    if (name.trim() === '') throw validationError({ name: ['This field may not be blank.'] });
    if (await app.access.guards.nameTaken(name, current?.id)) throw validationError({ name: ['This field must be unique.'] });
    patch.name = name;
  }
  if ('description' in body) patch.description = (body.description as string | null) ?? null;
  if (g.type === 'header') {
    if ('header_name' in body) patch.headerName = String(body.header_name);
    if ('header_value' in body) patch.headerValue = String(body.header_value);
    if ('jq_filter' in body) {
      const jq = (body.jq_filter as string | null) || null;
      if (jq !== null && !parseJqPath(jq)) throw validationError({ jq_filter: ['Only jq paths are supported, such as .internal.organization_id or .a[0].'] });
      patch.jqFilter = jq;
    }
  }
  if (g.type === 'composite' && 'guards' in body) {
    const ids: string[] = [];
    for (const value of (body.guards as string[] | null) ?? []) {
      const id = app.names.idIn(GUARD_PREFIXES, value);
      if (!id || !(await app.access.guards.get(id))) throw validationError({ guards: [`Invalid hyperlink - Object does not exist: ${value}`] });
      if (id === current?.id) throw validationError({ guards: ['A composite guard cannot contain itself.'] });
      ids.push(id);
    }
    patch.guards = ids;
  }
  return patch;
}

/** One guard type's endpoints: CRUD (synchronous, as Pulp's) and its object roles. */
function guardTypeRoutes(g: GuardType): Route<App>[] {
  const endpoint = guardEndpoint(g);
  const Schema = guardSchema(g);
  const detail = `${endpoint}{id}/`;
  const operationPrefix = `contentguards_core_${g.type}`;
  const href = { name: g.hrefParameter, prefix: detail };
  const tags = [`Contentguards: ${g.type.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ')}`];
  const access = coreAccess(viewsetOf(endpoint), g.model);
  const orNotFound = async (app: App, id: string): Promise<ContentGuard> => {
    const guard = await app.access.guards.get(id);
    if (!guard || guard.pulpType !== g.pulpType) throw notFound();
    return guard;
  };
  return [
    {
      method: 'GET',
      path: endpoint,
      operationId: `${operationPrefix}_list`,
      summary: `List ${g.type} content guards`,
      tags,
      query: listParams,
      access: { ...access.list, scope: [{ permission: access.list.scope![0]!.permission, pulpType: g.pulpType }] },
      responses: { 200: { description: 'A page of guards.', schema: { paginated: Schema } } },
      handler: (req, app) => {
        const filter = { pulpType: g.pulpType, ids: idsIn(app, req.query, [endpoint]), name: textMatch(req.query, 'name'), ordering: ordering(req.query, ORDERING), scope: req.scope };
        return listResponse(req, (w) => app.access.guards.list(filter, w), (guard) => serializeGuard(app, guard));
      },
    },
    {
      method: 'POST',
      path: endpoint,
      operationId: `${operationPrefix}_create`,
      summary: `Create a ${g.type} content guard`,
      tags,
      body: { schema: Schema, contentTypes: [...FORMS] },
      access: access.create,
      responses: { 201: { description: 'The guard.', schema: Schema }, ...badRequestResponse },
      handler: async (req, app) => {
        const values = await valuesOf(app, g, req.body);
        const guard: NewGuard = {
          pulpType: g.pulpType,
          name: values.name!,
          description: values.description ?? null,
          headerName: values.headerName ?? null,
          headerValue: values.headerValue ?? null,
          jqFilter: values.jqFilter ?? null,
          guards: values.guards ?? [],
        };
        const created = await app.access.guards.create(newId(), guard);
        await app.indexer.refreshGuard(created.id);
        return { status: 201, body: await serializeGuard(app, created) };
      },
    },
    {
      method: 'GET',
      path: detail,
      operationId: `${operationPrefix}_read`,
      summary: `Inspect a ${g.type} content guard`,
      tags,
      hrefParameter: href,
      query: detailParams,
      access: access.on('retrieve'),
      responses: { 200: { description: 'The guard.', schema: Schema }, ...notFoundResponse },
      handler: async (req, app) => ({ status: 200, body: select(req, await serializeGuard(app, await orNotFound(app, req.params.id!))) }),
    },
    {
      method: 'PATCH',
      path: detail,
      operationId: `${operationPrefix}_partial_update`,
      summary: `Update a ${g.type} content guard`,
      tags,
      hrefParameter: href,
      body: { schema: Schema, contentTypes: [...FORMS], partial: true },
      access: access.on('partial_update'),
      responses: { 200: { description: 'The guard.', schema: Schema }, ...badRequestResponse, ...notFoundResponse },
      handler: async (req, app) => {
        const current = await orNotFound(app, req.params.id!);
        const updated = await app.access.guards.update(current.id, await valuesOf(app, g, req.body, current));
        if (!updated) throw notFound();
        // The content app checks the new definition from the next request on.
        await app.indexer.refreshGuard(updated.id);
        return { status: 200, body: await serializeGuard(app, updated) };
      },
    },
    {
      method: 'DELETE',
      path: detail,
      operationId: `${operationPrefix}_delete`,
      summary: `Delete a ${g.type} content guard`,
      tags,
      hrefParameter: href,
      access: access.on('destroy'),
      responses: { 204: { description: 'Deleted.' }, ...notFoundResponse },
      handler: async (req, app) => {
        const guard = await orNotFound(app, req.params.id!);
        if (!(await app.access.guards.delete(guard.id))) throw notFound();
        await app.indexer.guardDeleted(guard.id);
        return { status: 204 };
      },
    },
    ...objectRoleRoutes({ path: detail, operationPrefix, hrefParameter: href, tags, access, model: g.model, find: orNotFound }),
    ...(g.type === 'rbac' ? [canDownloadRoute(detail, operationPrefix, href, tags, g)] : []),
  ];
}

const CanDownload = schema('CanDownload', { permitted: f.boolean({ readOnly: true }) });

/**
 * Whether the caller may download through this RBAC guard: how the content app, which has no
 * database, checks one. Not in Pulp's API (its content app reads the database); answers only
 * for the caller, and the same for a guard that does not exist as for one they may not use.
 */
function canDownloadRoute(detail: string, operationPrefix: string, href: { name: string; prefix: string }, tags: string[], g: GuardType): Route<App> {
  return {
    method: 'GET',
    path: `${detail}can_download/`,
    operationId: `${operationPrefix}_can_download`,
    summary: 'Whether the current user may download content this guard protects',
    tags,
    hrefParameter: href,
    query: [],
    access: { viewset: viewsetOf(guardEndpoint(g)), action: 'can_download' },
    responses: { 200: { description: 'The answer for the current user.', schema: CanDownload } },
    handler: async (req, app) => {
      const guard = await app.access.guards.get(req.params.id!);
      const grants = app.access.authorizer.grantsFor(req.principal);
      const permitted =
        guard?.pulpType === g.pulpType && (await grants.hasPermission(permissionName(g.model, 'download'), { model: g.model, id: guard.id }));
      return { status: 200, body: { permitted } };
    },
  };
}

/** Pulp's content guards: each type's endpoints and the generic `contentguards/` list. */
export function contentGuardRoutes(): Route<App>[] {
  const generic: Route<App> = {
    method: 'GET',
    path: CONTENT_GUARDS,
    operationId: 'contentguards_list',
    summary: 'List content guards of every type',
    tags: ['Contentguards'],
    query: listParams,
    access: { viewset: 'contentguards', action: 'list', scope: viewRules(GUARD_TYPES) },
    responses: { 200: { description: 'A page of guards.', schema: { paginated: GenericGuardSchema } } },
    handler: (req, app) => {
      const filter = { ids: idsIn(app, req.query, GUARD_PREFIXES), name: textMatch(req.query, 'name'), ordering: ordering(req.query, ORDERING), scope: req.scope };
      return listResponse(req, (w) => app.access.guards.list(filter, w), (guard) => serializeGuard(app, guard));
    },
  };
  return [generic, ...GUARD_TYPES.flatMap(guardTypeRoutes)];
}
