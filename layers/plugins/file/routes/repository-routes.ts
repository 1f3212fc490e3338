import type { App } from '../../../app/app';
import { newId } from '../../../core/ids';
import { notFound, validationError } from '../../../http/errors';
import { listQueryParams } from '../../../http/pagination';
import type { ApiRequest, Route } from '../../../http/route';
import { f, schema } from '../../../http/schema/fields';
import { GENERAL_TASKS } from '../../general-tasks';
import { prefixes, prns } from '../hrefs';
import { FILE_TYPE, type Repository } from '../model';
import type { RepositoryPatch } from '../ports';
import { fileServices } from '../services';
import { FileRepositorySchema, serializeRepository } from '../serializers/repository';
import { KINDS } from '../tasks';
import {
  badRequest,
  bodyId,
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
  checkManifestName,
} from './helpers';

export const REPO_HREF = { name: 'file_file_repository_href', prefix: `${prefixes.repository}{id}/` };
const TAGS = ['Repositories: File'];
const ORDERING = ['name', 'pulp_created', 'pulp_last_updated', 'description'];

const LabelBody = schema('SetLabel', { key: f.string({ required: true, pattern: '^[-a-zA-Z0-9_]+$' }), value: f.string({ required: true, nullable: true, allowBlank: true }) });
const UnsetLabelBody = schema('UnsetLabel', { key: f.string({ required: true }) });
const LabelResponse = schema('SetLabel', { key: f.string(), value: f.string({ nullable: true }) });
const UnsetLabelResponse = schema('UnsetLabel', { key: f.string(), value: f.string({ nullable: true }) });

/** Looks up the repository of `{id}` or 404s. */
export async function repositoryOr404(app: App, id: string): Promise<Repository> {
  const repo = await fileServices(app).data.repositories.get(id);
  if (!repo) throw notFound();
  return repo;
}

/** Body fields → a patch, with references and uniqueness checked (400s). */
async function toPatch(app: App, body: Record<string, unknown>, exceptId?: string): Promise<RepositoryPatch> {
  const { data } = fileServices(app);
  const patch: RepositoryPatch = {};
  if ('name' in body) {
    if (await data.repositories.nameTaken(String(body.name), exceptId)) throw validationError({ name: ['This field must be unique.'] });
    patch.name = body.name as string;
  }
  if ('description' in body) patch.description = body.description as string | null;
  if ('pulp_labels' in body) patch.pulpLabels = body.pulp_labels as Record<string, string>;
  if ('retain_repo_versions' in body) patch.retainRepoVersions = body.retain_repo_versions as number | null;
  if ('retain_checkpoints' in body) patch.retainCheckpoints = body.retain_checkpoints as number | null;
  if ('autopublish' in body) patch.autopublish = body.autopublish as boolean;
  if ('manifest' in body) {
    checkManifestName(body.manifest);
    patch.manifest = body.manifest as string | null;
  }
  if ('remote' in body) {
    if (body.remote === null) patch.remoteId = null;
    else {
      const id = bodyId('remote', 'remote', body.remote);
      if (!(await data.repositories.remoteExists(id))) throw doesNotExist('remote');
      patch.remoteId = id;
    }
  }
  return patch;
}

function unchanged(repo: Repository, patch: RepositoryPatch): boolean {
  return Object.entries(patch).every(([k, v]) => JSON.stringify(repo[k as keyof Repository]) === JSON.stringify(v));
}

async function setLabel(req: ApiRequest, app: App, remove: boolean) {
  const repo = await repositoryOr404(app, req.params.id!);
  const key = String(req.body.key);
  const labels = { ...repo.pulpLabels };
  let value: string | null;
  if (remove) {
    if (!(key in labels)) throw validationError({ key: [`Label '${key}' is not set on the object.`] });
    value = labels[key] ?? null;
    delete labels[key];
  } else {
    value = (req.body.value as string | null) ?? '';
    labels[key] = value;
  }
  await fileServices(app).data.repositories.update(repo.id, { pulpLabels: labels });
  return { status: 201, body: { key, value } };
}

export const repositoryRoutes: Route<App>[] = [
  {
    method: 'GET',
    path: prefixes.repository,
    operationId: 'repositories_file_file_list',
    summary: 'List file repositorys',
    tags: TAGS,
    query: listQueryParams([...textParams('name'), str('pulp_label_select'), str('remote'), str('q')]),
    responses: { 200: { description: 'A page of file repositories.', schema: { paginated: FileRepositorySchema } } },
    handler: async (req, app) => {
      const q = req.query;
      const remote = q.remote as string | undefined;
      return listResponse(
        req,
        (w) =>
          fileServices(app).data.repositories.list(
            {
              pulpType: FILE_TYPE,
              ids: idsIn(q, 'repository'),
              name: textMatch(q, 'name'),
              remoteId: remote === undefined ? undefined : remote === 'null' ? null : filterId(q, 'remote', 'remote'),
              labels: labelTerms(q),
              ordering: ordering(q, ORDERING),
            },
            w,
          ),
        serializeRepository,
      );
    },
  },
  {
    method: 'POST',
    path: prefixes.repository,
    operationId: 'repositories_file_file_create',
    summary: 'Create a file repository',
    tags: TAGS,
    body: { schema: FileRepositorySchema, contentTypes: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'] },
    responses: { 201: { description: 'The repository.', schema: FileRepositorySchema }, ...badRequest },
    handler: async (req, app) => {
      const patch = await toPatch(app, req.body);
      const repo = await fileServices(app).data.repositories.insert({
        id: newId(),
        pulpType: FILE_TYPE,
        name: patch.name!,
        description: patch.description ?? null,
        pulpLabels: patch.pulpLabels ?? {},
        retainRepoVersions: patch.retainRepoVersions ?? null,
        retainCheckpoints: patch.retainCheckpoints ?? null,
        remoteId: patch.remoteId ?? null,
        autopublish: patch.autopublish ?? false,
        manifest: patch.manifest === undefined ? 'PULP_MANIFEST' : patch.manifest,
      });
      return { status: 201, body: serializeRepository(repo) };
    },
  },
  {
    method: 'GET',
    path: `${prefixes.repository}{id}/`,
    operationId: 'repositories_file_file_read',
    summary: 'Inspect a file repository',
    tags: TAGS,
    hrefParameter: REPO_HREF,
    query: detailParams,
    responses: { 200: { description: 'The repository.', schema: FileRepositorySchema }, ...notFoundResponse },
    handler: async (req, app) => ({ status: 200, body: select(req, serializeRepository(await repositoryOr404(app, req.params.id!))) }),
  },
  {
    method: 'PATCH',
    path: `${prefixes.repository}{id}/`,
    operationId: 'repositories_file_file_partial_update',
    summary: 'Update a file repository',
    tags: TAGS,
    hrefParameter: REPO_HREF,
    body: { schema: FileRepositorySchema, contentTypes: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'], partial: true },
    responses: { 200: { description: 'Nothing changed.', schema: FileRepositorySchema }, ...taskResponse, ...badRequest, ...notFoundResponse },
    handler: async (req, app) => {
      const repo = await repositoryOr404(app, req.params.id!);
      const patch = await toPatch(app, req.body, repo.id);
      if (unchanged(repo, patch)) return { status: 200, body: serializeRepository(repo) };
      return dispatchTask(app, req, {
        name: GENERAL_TASKS.update,
        args: { kind: KINDS.repository, id: repo.id, patch },
        exclusive: [prns.repository(repo.id)],
        immediate: true,
      });
    },
  },
  {
    method: 'DELETE',
    path: `${prefixes.repository}{id}/`,
    operationId: 'repositories_file_file_delete',
    summary: 'Delete a file repository',
    tags: TAGS,
    hrefParameter: REPO_HREF,
    responses: { ...taskResponse, ...notFoundResponse },
    handler: async (req, app) => {
      const repo = await repositoryOr404(app, req.params.id!);
      return dispatchTask(app, req, {
        name: GENERAL_TASKS.delete,
        args: { kind: KINDS.repository, id: repo.id },
        exclusive: [prns.repository(repo.id)],
        immediate: true,
      });
    },
  },
  {
    method: 'POST',
    path: `${prefixes.repository}{id}/set_label/`,
    operationId: 'repositories_file_file_set_label',
    summary: 'Set a label',
    tags: TAGS,
    hrefParameter: REPO_HREF,
    body: { schema: LabelBody, contentTypes: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'] },
    responses: { 201: { description: 'The label.', schema: LabelResponse }, ...badRequest, ...notFoundResponse },
    handler: (req, app) => setLabel(req, app, false),
  },
  {
    method: 'POST',
    path: `${prefixes.repository}{id}/unset_label/`,
    operationId: 'repositories_file_file_unset_label',
    summary: 'Unset a label',
    tags: TAGS,
    hrefParameter: REPO_HREF,
    body: { schema: UnsetLabelBody, contentTypes: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'] },
    responses: { 201: { description: 'The removed label.', schema: UnsetLabelResponse }, ...badRequest, ...notFoundResponse },
    handler: (req, app) => setLabel(req, app, true),
  },
];

