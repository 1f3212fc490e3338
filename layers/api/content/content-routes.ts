import type { App } from '../../app/app';
import { DigestMismatch } from '../../core/artifacts/digests';
import { isDownloadableUrl } from '../../core/download/url-download-service';
import type { ContentFilter } from '../../core/ports/content-store';
import { generalCreate, type ContentSource } from '../../core/tasks/core-tasks';
import { nonFieldError, notFound, validationError } from '../../http/errors';
import { listQueryParams } from '../../http/pagination';
import type { ApiRequest, Route, UploadedFile } from '../../http/route';
import type { ContentTypeDefinition } from '../../plugin-api/definitions/content-type';
import type { RouteAccess } from '../../core/access/route-access';
import type { Installed, InstalledTypes } from '../../plugin-api/installed-types';
import { viewRules, viewsetOf, type TypedAccess } from '../access/route-access';
import { detailParams, labelTerms, ordering, str } from '../common/filters';
import { labelRoutes } from '../common/label-routes';
import { bodyId, doesNotExist, idsIn, versionFilter } from '../common/references';
import { badRequestResponse, dispatchResponse, FORMS, listResponse, notFoundResponse, select, taskResponse } from '../common/responses';
import { contentConditions, contentFilterParams } from './content-filters';
import { contentRequestSchema, contentResponseSchema, GenericContentSchema } from './content-schema';
import { serializeContent } from './content-serializer';

/** Filters every content list takes: version membership and labels. */
const membershipParams = [str('repository_version'), str('repository_version_added'), str('repository_version_removed'), str('pulp_label_select')];

/** The generic part of a content filter. */
async function baseFilter(app: App, req: ApiRequest, prefixes: string[]): Promise<ContentFilter> {
  const q = req.query;
  return {
    ids: idsIn(app, q, prefixes),
    inVersion: await versionFilter(app, q, 'repository_version'),
    addedIn: await versionFilter(app, q, 'repository_version_added'),
    removedIn: await versionFilter(app, q, 'repository_version_removed'),
    labels: labelTerms(q),
    scope: req.scope,
  };
}

/** Content is seen through the repositories holding it (Pulp's content scoping). */
function contentAccess(viewset: string, types: InstalledTypes, pulpTypes?: string[]): TypedAccess {
  const repositories = types.repositories.all.filter((r) => !pulpTypes || r.definition.contentTypes.some((t) => pulpTypes.includes(t)));
  const scope = viewRules(repositories.map((r) => r.names));
  const model = pulpTypes?.length === 1 ? types.content.get(pulpTypes[0]!).names.model : 'core.content';
  const base: RouteAccess = { viewset, action: 'list', scope, scopeVia: 'repositories' };
  return {
    list: base,
    create: { viewset, action: 'create' },
    on: (action) => ({ ...base, action, object: { model, param: 'id' } }),
  };
}

async function unitOr404(app: App, pulpType: string, id: string) {
  const unit = await app.services.content.get(id);
  if (!unit || unit.pulpType !== pulpType) throw notFound();
  return unit;
}

/** Where the bytes of a new unit come from: exactly one of file, upload, artifact, file_url. */
async function contentSource(app: App, body: Record<string, unknown>): Promise<{ source: ContentSource; exclusive: string[] }> {
  const sources = ['file', 'upload', 'artifact', 'file_url'].filter((k) => body[k] !== undefined && body[k] !== null);
  if (sources.length !== 1) throw nonFieldError('Exactly one of "file", "upload", "artifact" or "file_url" must be given.');
  if (body.artifact !== undefined) {
    const artifactId = bodyId(app, 'artifact', ['/pulp/api/v3/artifacts/'], body.artifact);
    if (!(await app.services.artifacts.get(artifactId))) throw doesNotExist('artifact');
    return { source: { kind: 'artifact', artifactId }, exclusive: [] };
  }
  if (body.upload !== undefined) {
    const uploadId = bodyId(app, 'upload', ['/pulp/api/v3/uploads/'], body.upload);
    if (!(await app.services.uploads.get(uploadId))) throw doesNotExist('upload');
    return { source: { kind: 'upload', uploadId }, exclusive: [`prn:core.upload:${uploadId}`] };
  }
  if (body.file_url !== undefined) {
    const url = String(body.file_url);
    if (!isDownloadableUrl(url) || /[\s\u0000-\u001f\u007f]/.test(url)) throw validationError({ file_url: ['Enter a valid http:// or https:// URL.'] });
    // Downloaded by the task, as Pulp does: the request does not wait for the bytes.
    return { source: { kind: 'url', url }, exclusive: [] };
  }
  // The bytes are stored (deduplicated) now; the task then only links them.
  const file = body.file as UploadedFile;
  const artifact = await app.services.artifacts.storeBytes(file.data).catch((err: unknown) => {
    if (err instanceof DigestMismatch) throw nonFieldError(err.message);
    throw err;
  });
  return { source: { kind: 'artifact', artifactId: artifact.id }, exclusive: [] };
}

/** One content type's endpoints: list (with its declared filters), read, create from an artifact, labels. */
export function contentRoutes(type: Installed<ContentTypeDefinition>, types: InstalledTypes): Route<App>[] {
  const { names, definition } = type;
  const Response = contentResponseSchema(type);
  const detail = `${names.endpoint}{id}/`;
  const href = { name: names.hrefParameter, prefix: detail };
  const tags = [names.tag];
  const access = contentAccess(viewsetOf(names.endpoint), types, [definition.pulpType]);
  const routes: Route<App>[] = [
    {
      method: 'GET',
      path: names.endpoint,
      operationId: `${names.operationPrefix}_list`,
      summary: `List ${definition.app} content`,
      tags,
      query: listQueryParams([...contentFilterParams(definition), ...membershipParams]),
      access: access.list,
      responses: { 200: { description: 'A page of content.', schema: { paginated: Response } } },
      handler: async (req, app) => {
        const filter: ContentFilter = {
          ...(await baseFilter(app, req, [names.endpoint])),
          pulpType: definition.pulpType,
          conditions: contentConditions(definition, req.query),
          ordering: ordering(req.query, ['pulp_created', ...definition.ordering]),
        };
        return listResponse(req, (w) => app.services.content.list(filter, w), (u) => serializeContent(app, u));
      },
    },
    {
      method: 'GET',
      path: detail,
      operationId: `${names.operationPrefix}_read`,
      summary: `Inspect a ${definition.app} content unit`,
      tags,
      hrefParameter: href,
      query: detailParams,
      access: access.on('retrieve'),
      responses: { 200: { description: 'The content unit.', schema: Response }, ...notFoundResponse },
      handler: async (req, app) => ({ status: 200, body: select(req, serializeContent(app, await unitOr404(app, definition.pulpType, req.params.id!))) }),
    },
    ...labelRoutes({
      path: detail,
      operationPrefix: names.operationPrefix,
      hrefParameter: href,
      tags,
      access,
      labelsOf: async (app, id) => (await unitOr404(app, definition.pulpType, id)).pulpLabels,
      setLabels: (app, id, labels) => app.data.content.setLabels(id, labels),
    }),
  ];
  const create = definition.create;
  if (create) {
    const Request = contentRequestSchema(type);
    routes.push({
      method: 'POST',
      path: names.endpoint,
      operationId: `${names.operationPrefix}_create`,
      summary: `Create a ${definition.app} content unit`,
      tags,
      // JSON first: pulp-glue then sends JSON when no file is attached.
      body: { schema: Request, contentTypes: [...FORMS] },
      access: access.create,
      responses: { ...taskResponse, ...badRequestResponse },
      handler: async (req, app) => {
        const body = req.body;
        const typeFields = Object.fromEntries(Object.keys(create.fields).filter((k) => k in body).map((k) => [k, body[k]]));
        const errors = create.validate?.(typeFields);
        if (errors && Object.keys(errors).length) throw validationError(errors);
        const exclusive: string[] = [];
        let repositoryId: string | undefined;
        if (body.repository !== undefined && body.repository !== null) {
          const repoTypes = app.types.repositories.all.filter((r) => r.definition.contentTypes.includes(definition.pulpType));
          repositoryId = bodyId(app, 'repository', repoTypes.map((r) => r.names.endpoint), body.repository);
          const repo = await app.services.repositories.get(repositoryId);
          if (!repo) throw doesNotExist('repository');
          exclusive.push(app.hrefs.prn('repositories', repo.pulpType, repo.id));
        }
        const { source, exclusive: sourceLocks } = await contentSource(app, body);
        const args = { kind: 'content' as const, pulpType: definition.pulpType, source, body: typeFields, pulpLabels: (body.pulp_labels as Record<string, string> | undefined) ?? {}, repositoryId };
        return dispatchResponse(app, req, generalCreate, args, { exclusiveResources: [...sourceLocks, ...exclusive] });
      },
    });
  }
  return routes;
}

/** Pulp's generic `content/` list: every unit of every type, with the filters all types share. */
export function genericContentListRoute(types: InstalledTypes): Route<App> {
  return {
    method: 'GET',
    path: '/pulp/api/v3/content/',
    operationId: 'content_list',
    summary: 'List content',
    tags: ['Content'],
    query: listQueryParams([...membershipParams, str('pulp_type'), { name: 'pulp_type__in', field: { kind: 'array', items: { kind: 'string' } }, explode: false }]),
    access: contentAccess('content', types).list,
    responses: { 200: { description: 'A page of content.', schema: { paginated: GenericContentSchema } } },
    handler: async (req, app) => {
      const q = req.query;
      const types = [...(q.pulp_type ? [String(q.pulp_type)] : []), ...((q.pulp_type__in as string[] | undefined) ?? [])];
      const filter: ContentFilter = {
        ...(await baseFilter(app, req, app.types.content.endpoints())),
        pulpTypes: types.length ? types : undefined,
        ordering: ordering(q, ['pulp_created']),
      };
      return listResponse(req, (w) => app.services.content.list(filter, w), (u) => serializeContent(app, u));
    },
  };
}
