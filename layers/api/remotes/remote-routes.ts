import type { App } from '../../app/app';
import type { Remote, RemoteAttributes } from '../../core/models/remote';
import { remoteProblems } from '../../core/remotes/remote-service';
import { generalUpdate } from '../../core/tasks/core-tasks';
import { notFound, validationError } from '../../http/errors';
import { listQueryParams } from '../../http/pagination';
import type { Route } from '../../http/route';
import type { RemoteTypeDefinition } from '../../plugin-api/definitions/object-types';
import type { Installed, InstalledTypes } from '../../plugin-api/installed-types';
import { objectRoleRoutes } from '../access/object-role-routes';
import { typedAccess, viewRules } from '../access/route-access';
import { extraDefaults, extraFromBody } from '../common/extra-fields';
import { labelTerms, ordering, str, textMatch, textParams } from '../common/filters';
import { labelRoutes } from '../common/label-routes';
import { deleteRoute, readRoute } from '../common/object-routes';
import { idsIn } from '../common/references';
import { badRequestResponse, dispatchResponse, FORMS, listResponse, notFoundResponse, taskResponse } from '../common/responses';
import { GenericRemoteSchema, remoteSchema } from './remote-schema';
import { serializeRemote } from './remote-serializer';

const ORDERING = ['name', 'pulp_created', 'pulp_last_updated', 'url', 'policy'];
export const remoteListParams = listQueryParams([...textParams('name'), str('pulp_label_select')]);

async function remoteOr404(app: App, pulpType: string, id: string): Promise<Remote> {
  const remote = await app.services.remotes.get(id);
  if (!remote || remote.pulpType !== pulpType) throw notFound();
  return remote;
}

/** The common fields of a body, checked (400 with every problem). */
function commonValues(body: Record<string, unknown>): Partial<RemoteAttributes> {
  const { extra: _ignored, hidden_fields: _hidden, ...values } = body;
  const problems = remoteProblems(values as Partial<RemoteAttributes>);
  if (typeof values.name === 'string' && values.name.trim() === '') problems.name = ['This field may not be blank.'];
  if (Object.keys(problems).length) throw validationError(problems);
  return values as Partial<RemoteAttributes>;
}

/** One remote type's endpoints: CRUD (create answers 201, update and delete are tasks) and labels. */
export function remoteRoutes(type: Installed<RemoteTypeDefinition>): Route<App>[] {
  const { names, definition } = type;
  const Schema = remoteSchema(type);
  const detail = `${names.endpoint}{id}/`;
  const href = { name: names.hrefParameter, prefix: detail };
  const tags = [names.tag];
  const extraNames = Object.keys(definition.fields);
  const orNotFound = (app: App, id: string) => remoteOr404(app, definition.pulpType, id);
  const access = typedAccess(names);
  const split = (body: Record<string, unknown>) => {
    const common = Object.fromEntries(Object.entries(body).filter(([k]) => !extraNames.includes(k)));
    const extra = extraFromBody(definition.fields, body);
    return { common: commonValues(common), extra };
  };
  return [
    {
      method: 'GET',
      path: names.endpoint,
      operationId: `${names.operationPrefix}_list`,
      summary: `List ${definition.app} remotes`,
      tags,
      query: remoteListParams,
      access: access.list,
      responses: { 200: { description: 'A page of remotes.', schema: { paginated: Schema } } },
      handler: (req, app) => {
        const q = req.query;
        const filter = {
          pulpType: definition.pulpType,
          ids: idsIn(app, q, [names.endpoint]),
          name: textMatch(q, 'name'),
          labels: labelTerms(q),
          ordering: ordering(q, ORDERING),
          scope: req.scope,
        };
        return listResponse(req, (w) => app.data.remotes.list(filter, w), (r) => serializeRemote(app, r));
      },
    },
    {
      method: 'POST',
      path: names.endpoint,
      operationId: `${names.operationPrefix}_create`,
      summary: `Create a ${definition.app} remote`,
      tags,
      body: { schema: Schema, contentTypes: [...FORMS] },
      access: access.create,
      responses: { 201: { description: 'The new remote.', schema: Schema }, ...badRequestResponse },
      handler: async (req, app) => {
        const { common, extra } = split(req.body);
        if (Object.keys(extra.errors).length) throw validationError(extra.errors);
        if (await app.services.remotes.nameTaken(String(common.name))) throw validationError({ name: ['This field must be unique.'] });
        const remote = await app.services.remotes.create(definition.pulpType, {
          ...(common as RemoteAttributes),
          policy: common.policy ?? definition.defaultPolicy,
          extra: { ...extraDefaults(definition.fields), ...extra.values },
        });
        return { status: 201, body: serializeRemote(app, remote) };
      },
    },
    readRoute({ names, access, summary: `Inspect a ${definition.app} remote`, schema: Schema, find: orNotFound, serialize: serializeRemote }),
    {
      method: 'PATCH',
      path: detail,
      operationId: `${names.operationPrefix}_partial_update`,
      summary: `Update a ${definition.app} remote`,
      tags,
      hrefParameter: href,
      body: { schema: Schema, contentTypes: [...FORMS], partial: true },
      access: access.on('partial_update'),
      responses: { 200: { description: 'Nothing changed: the remote.', schema: Schema }, ...taskResponse, ...badRequestResponse, ...notFoundResponse },
      handler: async (req, app) => {
        const remote = await orNotFound(app, req.params.id!);
        const { common, extra } = split(req.body);
        if (Object.keys(extra.errors).length) throw validationError(extra.errors);
        const changes = app.services.remotes.changes(remote, { ...common, ...(Object.keys(extra.values).length ? { extra: extra.values } : {}) });
        if (!Object.keys(changes).length) return { status: 200, body: serializeRemote(app, remote) };
        if (changes.name !== undefined && (await app.services.remotes.nameTaken(changes.name, remote.id)))
          throw validationError({ name: ['This field must be unique.'] });
        // Secrets are sealed before they become task arguments (stored in the task's row).
        const patch = await app.data.remotes.seal(changes);
        return dispatchResponse(app, req, generalUpdate, { kind: 'remote', id: remote.id, patch: patch as Record<string, unknown> }, {
          exclusiveResources: [app.hrefs.prn('remotes', remote.pulpType, remote.id)],
          immediate: true,
        });
      },
    },
    deleteRoute({ names, access, summary: `Delete a ${definition.app} remote`, find: orNotFound, kind: 'remote', prnKind: 'remotes' }),
    ...labelRoutes({
      path: detail,
      operationPrefix: names.operationPrefix,
      hrefParameter: href,
      tags,
      access,
      labelsOf: async (app, id) => (await orNotFound(app, id)).pulp_labels,
      setLabels: async (app, id, labels) => void (await app.services.remotes.update(id, { pulp_labels: labels })),
    }),
    ...objectRoleRoutes({ path: detail, operationPrefix: names.operationPrefix, hrefParameter: href, tags, access, model: names.model, find: orNotFound }),
  ];
}

/** Pulp's generic `remotes/` list: every remote of every type. */
export function genericRemoteListRoute(types: InstalledTypes): Route<App> {
  return {
    method: 'GET',
    path: '/pulp/api/v3/remotes/',
    operationId: 'remotes_list',
    summary: 'List remotes of every type',
    tags: ['Remotes'],
    query: remoteListParams,
    access: { viewset: 'remotes', action: 'list', scope: viewRules(types.remotes.all.map((t) => t.names)) },
    responses: { 200: { description: 'A page of remotes.', schema: { paginated: GenericRemoteSchema } } },
    handler: (req, app) => {
      const q = req.query;
      const filter = {
        ids: idsIn(app, q, app.types.remotes.endpoints()),
        name: textMatch(q, 'name'),
        labels: labelTerms(q),
        ordering: ordering(q, ORDERING),
        scope: req.scope,
      };
      return listResponse(req, (w) => app.data.remotes.list(filter, w), (r) => serializeRemote(app, r));
    },
  };
}
