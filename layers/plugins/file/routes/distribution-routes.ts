import type { App } from '../../../app/app';
import { notFound, validationError } from '../../../http/errors';
import { listQueryParams } from '../../../http/pagination';
import type { ApiRequest, Route } from '../../../http/route';
import { GENERAL_TASKS } from '../../general-tasks';
import { prefixes, prns } from '../hrefs';
import { FILE_TYPE, type Distribution } from '../model';
import type { DistributionFilter, DistributionPatch } from '../ports';
import { fileServices } from '../services';
import { DistributionInvalid, type DistributionInput } from '../services/distribution-service';
import { FileDistributionSchema } from '../serializers/distribution';
import { KINDS } from '../tasks';
import { distributionView } from '../views';
import {
  badRequest,
  bodyId,
  csv,
  detailParams,
  dispatchTask,
  doesNotExist,
  filterId,
  idsIn,
  labelTerms,
  listResponse,
  notFoundResponse,
  ordering,
  select,
  str,
  taskResponse,
  textMatch,
  textParams,
} from './helpers';

const DISTRIBUTION_HREF = { name: 'file_file_distribution_href', prefix: `${prefixes.distribution}{id}/` };
const TAGS = ['Distributions: File'];
export const BASE_PATH_RESOURCE = 'pdrn:default:distribution.base_path';
const FORMS = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'] as const;

export const distributionListParams = listQueryParams([
  ...textParams('name'),
  str('base_path'),
  str('base_path__contains'),
  str('base_path__icontains'),
  csv('base_path__in'),
  str('repository'),
  str('pulp_label_select'),
]);

export function distributionFilter(req: ApiRequest): DistributionFilter {
  const q = req.query;
  return {
    ids: idsIn(q, 'distribution'),
    name: textMatch(q, 'name'),
    basePath: textMatch(q, 'base_path'),
    repositoryId: filterId(q, 'repository', 'repository'),
    labels: labelTerms(q),
    ordering: ordering(q, ['name', 'base_path', 'pulp_created']),
  };
}

/** Body fields → a patch with every reference checked to exist (400 otherwise). */
async function toPatch(app: App, body: Record<string, unknown>): Promise<DistributionPatch> {
  const { data } = fileServices(app);
  const patch: DistributionPatch = {};
  if ('name' in body) patch.name = body.name as string;
  if ('base_path' in body) patch.basePath = body.base_path as string;
  if ('pulp_labels' in body) patch.pulpLabels = body.pulp_labels as Record<string, string>;
  if ('hidden' in body) patch.hidden = body.hidden as boolean;
  if ('checkpoint' in body) patch.checkpoint = body.checkpoint as boolean;
  if ('content_guard' in body) {
    // No content guards exist yet (another issue): any href names nothing.
    if (body.content_guard !== null) throw doesNotExist('content_guard');
    patch.contentGuardId = null;
  }
  if ('repository' in body) {
    if (body.repository === null) patch.repositoryId = null;
    else {
      const id = bodyId('repository', 'repository', body.repository);
      if (!(await data.repositories.get(id))) throw doesNotExist('repository');
      patch.repositoryId = id;
    }
  }
  if ('publication' in body) {
    if (body.publication === null) patch.publicationId = null;
    else {
      const id = bodyId('publication', 'publication', body.publication);
      if (!(await data.publications.get(id))) throw doesNotExist('publication');
      patch.publicationId = id;
    }
  }
  return patch;
}

async function validated(app: App, input: DistributionInput, exceptId?: string): Promise<void> {
  try {
    await fileServices(app).distributions.validate(input, exceptId);
  } catch (err) {
    if (err instanceof DistributionInvalid) throw validationError(err.errors);
    throw err;
  }
}

async function distributionOr404(app: App, id: string): Promise<Distribution> {
  const d = await fileServices(app).data.distributions.get(id);
  if (!d) throw notFound();
  return d;
}

export const distributionRoutes: Route<App>[] = [
  {
    method: 'GET',
    path: prefixes.distribution,
    operationId: 'distributions_file_file_list',
    summary: 'List file distributions',
    tags: TAGS,
    query: distributionListParams,
    responses: { 200: { description: 'A page of distributions.', schema: { paginated: FileDistributionSchema } } },
    handler: (req, app) =>
      listResponse(req, (w) => fileServices(app).data.distributions.list({ ...distributionFilter(req), pulpType: FILE_TYPE }, w), (d) => distributionView(app, d)),
  },
  {
    method: 'POST',
    path: prefixes.distribution,
    operationId: 'distributions_file_file_create',
    summary: 'Create a file distribution',
    tags: TAGS,
    body: { schema: FileDistributionSchema, contentTypes: [...FORMS] },
    responses: { ...taskResponse, ...badRequest },
    handler: async (req, app) => {
      const patch = await toPatch(app, req.body);
      const input: DistributionInput = {
        name: patch.name!,
        basePath: patch.basePath!,
        pulpLabels: patch.pulpLabels ?? {},
        hidden: patch.hidden ?? false,
        contentGuardId: null,
        repositoryId: patch.repositoryId ?? null,
        repositoryVersionId: null,
        publicationId: patch.publicationId ?? null,
        checkpoint: patch.checkpoint ?? false,
      };
      await validated(app, input);
      return dispatchTask(app, req, { name: GENERAL_TASKS.create, args: { kind: KINDS.distribution, input }, exclusive: [BASE_PATH_RESOURCE] });
    },
  },
  {
    method: 'GET',
    path: `${prefixes.distribution}{id}/`,
    operationId: 'distributions_file_file_read',
    summary: 'Inspect a file distribution',
    tags: TAGS,
    hrefParameter: DISTRIBUTION_HREF,
    query: detailParams,
    responses: { 200: { description: 'The distribution.', schema: FileDistributionSchema }, ...notFoundResponse },
    handler: async (req, app) => ({ status: 200, body: select(req, await distributionView(app, await distributionOr404(app, req.params.id!))) }),
  },
  {
    method: 'PATCH',
    path: `${prefixes.distribution}{id}/`,
    operationId: 'distributions_file_file_partial_update',
    summary: 'Update a file distribution',
    tags: TAGS,
    hrefParameter: DISTRIBUTION_HREF,
    body: { schema: FileDistributionSchema, contentTypes: [...FORMS], partial: true },
    responses: { 200: { description: 'Nothing changed.', schema: FileDistributionSchema }, ...taskResponse, ...badRequest, ...notFoundResponse },
    handler: async (req, app) => {
      const current = await distributionOr404(app, req.params.id!);
      const patch = await toPatch(app, req.body);
      const changed = Object.entries(patch).filter(([k, v]) => JSON.stringify(current[k as keyof Distribution]) !== JSON.stringify(v));
      if (!changed.length) return { status: 200, body: await distributionView(app, current) };
      await validated(app, { ...current, ...patch }, current.id);
      const exclusive = [prns.distribution(current.id)];
      if (patch.basePath !== undefined && patch.basePath !== current.basePath) exclusive.push(BASE_PATH_RESOURCE);
      return dispatchTask(app, req, {
        name: GENERAL_TASKS.update,
        args: { kind: KINDS.distribution, id: current.id, patch: Object.fromEntries(changed) },
        exclusive,
        immediate: true,
      });
    },
  },
  {
    method: 'DELETE',
    path: `${prefixes.distribution}{id}/`,
    operationId: 'distributions_file_file_delete',
    summary: 'Delete a file distribution',
    tags: TAGS,
    hrefParameter: DISTRIBUTION_HREF,
    responses: { ...taskResponse, ...notFoundResponse },
    handler: async (req, app) => {
      const d = await distributionOr404(app, req.params.id!);
      return dispatchTask(app, req, {
        name: GENERAL_TASKS.delete,
        args: { kind: KINDS.distribution, id: d.id },
        exclusive: [prns.distribution(d.id)],
        immediate: true,
      });
    },
  },
];
