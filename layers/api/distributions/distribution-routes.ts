import type { App } from '../../app/app';
import { DistributionInvalid, type DistributionInput } from '../../core/distributions/distribution-service';
import type { Distribution } from '../../core/models/distribution';
import type { DistributionFilter, DistributionPatch } from '../../core/ports/distribution-store';
import { generalCreate, generalUpdate } from '../../core/tasks/core-tasks';
import { notFound, validationError } from '../../http/errors';
import { listQueryParams } from '../../http/pagination';
import type { ApiRequest, Route } from '../../http/route';
import type { DistributionTypeDefinition } from '../../plugin-api/definitions/object-types';
import type { Installed, InstalledTypes } from '../../plugin-api/installed-types';
import { objectRoleRoutes } from '../access/object-role-routes';
import { typedAccess, viewRules } from '../access/route-access';
import { GUARD_PREFIXES } from '../content-guards/guard-names';
import { extraDefaults, extraFromBody } from '../common/extra-fields';
import { csv, labelTerms, ordering, str, textMatch, textParams } from '../common/filters';
import { labelRoutes } from '../common/label-routes';
import { deleteRoute, readRoute } from '../common/object-routes';
import { bodyId, doesNotExist, filterId, findVersion, idsIn, noUrlMatch, repositoryPrefixes } from '../common/references';
import { badRequestResponse, dispatchResponse, FORMS, listResponse, notFoundResponse, taskResponse } from '../common/responses';
import { distributionSchema, GenericDistributionSchema } from './distribution-schema';
import { serializeDistribution } from './distribution-serializer';

/** Every change of a base path takes this lock, so two tasks never validate overlapping paths at once. */
export const BASE_PATH_RESOURCE = 'pdrn:default:distribution.base_path';

export const distributionListParams = listQueryParams([
  ...textParams('name'),
  str('base_path'),
  str('base_path__contains'),
  str('base_path__icontains'),
  csv('base_path__in'),
  str('repository'),
  str('pulp_label_select'),
]);

export function distributionFilter(app: App, req: ApiRequest, prefixes: string[]): DistributionFilter {
  const q = req.query;
  return {
    scope: req.scope,
    ids: idsIn(app, q, prefixes),
    name: textMatch(q, 'name'),
    basePath: textMatch(q, 'base_path'),
    repositoryId: filterId(app, q, 'repository', repositoryPrefixes(app)),
    labels: labelTerms(q),
    ordering: ordering(q, ['name', 'base_path', 'pulp_created']),
  };
}

/** Body fields → a patch with every reference checked to exist and to be of a type this distribution serves (400 otherwise). */
async function toPatch(app: App, type: Installed<DistributionTypeDefinition>, body: Record<string, unknown>, current?: Distribution): Promise<DistributionPatch> {
  const d = type.definition;
  const patch: DistributionPatch = {};
  if ('name' in body) {
    if (String(body.name).trim() === '') throw validationError({ name: ['This field may not be blank.'] });
    patch.name = body.name as string;
  }
  if ('base_path' in body) patch.basePath = body.base_path as string;
  if ('pulp_labels' in body) patch.pulpLabels = body.pulp_labels as Record<string, string>;
  if ('hidden' in body) patch.hidden = body.hidden as boolean;
  if ('checkpoint' in body) patch.checkpoint = body.checkpoint as boolean;
  if ('content_guard' in body) {
    if (body.content_guard === null) patch.contentGuardId = null;
    else {
      const id = bodyId(app, 'content_guard', GUARD_PREFIXES, body.content_guard);
      if (!(await app.access.guards.get(id))) throw doesNotExist('content_guard');
      patch.contentGuardId = id;
    }
  }
  if ('repository' in body) {
    if (body.repository === null) patch.repositoryId = null;
    else {
      const id = bodyId(app, 'repository', [app.types.repositories.get(d.repositoryType).names.endpoint], body.repository);
      const repo = await app.services.repositories.get(id);
      if (!repo || repo.pulpType !== d.repositoryType) throw doesNotExist('repository');
      patch.repositoryId = id;
    }
  }
  if ('publication' in body && d.publicationType) {
    if (body.publication === null) patch.publicationId = null;
    else {
      const id = bodyId(app, 'publication', [app.types.publications.get(d.publicationType).names.endpoint], body.publication);
      const publication = await app.data.publications.get(id);
      if (!publication || publication.pulpType !== d.publicationType) throw doesNotExist('publication');
      patch.publicationId = id;
    }
  }
  if ('repository_version' in body) {
    if (body.repository_version === null) patch.repositoryVersionId = null;
    else {
      const version = await findVersion(app, String(body.repository_version));
      if (version === undefined) throw noUrlMatch('repository_version');
      if (!version || version.pulpType !== d.repositoryType) throw doesNotExist('repository_version');
      patch.repositoryVersionId = version.id;
    }
  }
  if ('remote' in body && d.remoteTypes?.length) {
    if (body.remote === null) patch.remoteId = null;
    else {
      const id = bodyId(app, 'remote', d.remoteTypes.map((t) => app.types.remotes.get(t).names.endpoint), body.remote);
      const remote = await app.services.remotes.get(id);
      if (!remote || !d.remoteTypes.includes(remote.pulpType)) throw doesNotExist('remote');
      patch.remoteId = id;
    }
  }
  const extra = extraFromBody(d.fields, body);
  if (Object.keys(extra.errors).length) throw validationError(extra.errors);
  if (Object.keys(extra.values).length) patch.extra = { ...(current?.extra ?? {}), ...extra.values };
  return patch;
}

async function validated(app: App, input: DistributionInput, exceptId?: string): Promise<void> {
  try {
    await app.services.distributions.validate(input, exceptId);
  } catch (err) {
    if (err instanceof DistributionInvalid) throw validationError(err.errors);
    throw err;
  }
}

/** One distribution type's endpoints: CRUD (create, update and delete are tasks) and labels. */
export function distributionRoutes(type: Installed<DistributionTypeDefinition>): Route<App>[] {
  const { names, definition } = type;
  const Schema = distributionSchema(type);
  const detail = `${names.endpoint}{id}/`;
  const href = { name: names.hrefParameter, prefix: detail };
  const tags = [names.tag];
  const orNotFound = async (app: App, id: string): Promise<Distribution> => {
    const d = await app.services.distributions.get(id);
    if (!d || d.pulpType !== definition.pulpType) throw notFound();
    return d;
  };
  const access = typedAccess(names);
  return [
    {
      method: 'GET',
      path: names.endpoint,
      operationId: `${names.operationPrefix}_list`,
      summary: `List ${definition.app} distributions`,
      tags,
      query: distributionListParams,
      access: access.list,
      responses: { 200: { description: 'A page of distributions.', schema: { paginated: Schema } } },
      handler: (req, app) => {
        const filter = { ...distributionFilter(app, req, [names.endpoint]), pulpType: definition.pulpType };
        return listResponse(req, (w) => app.data.distributions.list(filter, w), (d) => serializeDistribution(app, d));
      },
    },
    {
      method: 'POST',
      path: names.endpoint,
      operationId: `${names.operationPrefix}_create`,
      summary: `Create a ${definition.app} distribution`,
      tags,
      body: { schema: Schema, contentTypes: [...FORMS] },
      access: access.create,
      responses: { ...taskResponse, ...badRequestResponse },
      handler: async (req, app) => {
        const patch = await toPatch(app, type, req.body);
        const input: DistributionInput = {
          name: patch.name!,
          basePath: patch.basePath!,
          pulpLabels: patch.pulpLabels ?? {},
          hidden: patch.hidden ?? false,
          contentGuardId: patch.contentGuardId ?? null,
          repositoryId: patch.repositoryId ?? null,
          repositoryVersionId: patch.repositoryVersionId ?? null,
          publicationId: patch.publicationId ?? null,
          remoteId: patch.remoteId ?? null,
          checkpoint: patch.checkpoint ?? false,
          extra: { ...extraDefaults(definition.fields), ...(patch.extra ?? {}) },
        };
        await validated(app, input);
        return dispatchResponse(app, req, generalCreate, { kind: 'distribution', pulpType: definition.pulpType, input }, {
          exclusiveResources: [BASE_PATH_RESOURCE],
        });
      },
    },
    readRoute({ names, access, summary: `Inspect a ${definition.app} distribution`, schema: Schema, find: orNotFound, serialize: serializeDistribution }),
    {
      method: 'PATCH',
      path: detail,
      operationId: `${names.operationPrefix}_partial_update`,
      summary: `Update a ${definition.app} distribution`,
      tags,
      hrefParameter: href,
      body: { schema: Schema, contentTypes: [...FORMS], partial: true },
      access: access.on('partial_update'),
      responses: { 200: { description: 'Nothing changed.', schema: Schema }, ...taskResponse, ...badRequestResponse, ...notFoundResponse },
      handler: async (req, app) => {
        const current = await orNotFound(app, req.params.id!);
        const patch = await toPatch(app, type, req.body, current);
        const changed = Object.entries(patch).filter(([k, v]) => JSON.stringify(current[k as keyof Distribution]) !== JSON.stringify(v));
        if (!changed.length) return { status: 200, body: await serializeDistribution(app, current) };
        await validated(app, { ...current, ...patch }, current.id);
        const exclusive = [app.hrefs.prn('distributions', current.pulpType, current.id)];
        if (patch.basePath !== undefined && patch.basePath !== current.basePath) exclusive.push(BASE_PATH_RESOURCE);
        return dispatchResponse(app, req, generalUpdate, { kind: 'distribution', id: current.id, patch: Object.fromEntries(changed) }, {
          exclusiveResources: exclusive,
          immediate: true,
        });
      },
    },
    deleteRoute({ names, access, summary: `Delete a ${definition.app} distribution`, find: orNotFound, kind: 'distribution', prnKind: 'distributions' }),
    ...labelRoutes({
      path: detail,
      operationPrefix: names.operationPrefix,
      hrefParameter: href,
      tags,
      access,
      labelsOf: async (app, id) => (await orNotFound(app, id)).pulpLabels,
      setLabels: async (app, id, labels) => void (await app.data.distributions.update(id, { pulpLabels: labels })),
    }),
    ...objectRoleRoutes({ path: detail, operationPrefix: names.operationPrefix, hrefParameter: href, tags, access, model: names.model, find: orNotFound }),
  ];
}

/** Pulp's generic `distributions/` list. */
export function genericDistributionListRoute(types: InstalledTypes): Route<App> {
  return {
    method: 'GET',
    path: '/pulp/api/v3/distributions/',
    operationId: 'distributions_list',
    summary: 'List distributions',
    tags: ['Distributions'],
    query: distributionListParams,
    access: { viewset: 'distributions', action: 'list', scope: viewRules(types.distributions.all.map((t) => t.names)) },
    responses: { 200: { description: 'A page of distributions.', schema: { paginated: GenericDistributionSchema } } },
    handler: (req, app) => {
      const filter = distributionFilter(app, req, app.types.distributions.endpoints());
      return listResponse(req, (w) => app.data.distributions.list(filter, w), (d) => serializeDistribution(app, d));
    },
  };
}
