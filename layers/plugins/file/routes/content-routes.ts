import type { App } from '../../../app/app';
import { nonFieldError, notFound, validationError } from '../../../http/errors';
import { listQueryParams } from '../../../http/pagination';
import type { Route, UploadedFile } from '../../../http/route';
import { GENERAL_TASKS } from '../../general-tasks';
import { prefixes, prns } from '../hrefs';
import { fileServices } from '../services';
import { DigestMismatch } from '../services/digests';
import { isDownloadableUrl } from '../services/url-download-service';
import { FileContentRequest, FileContentResponse, serializeContent } from '../serializers/content';
import { KINDS } from '../tasks';
import {
  badRequest,
  bodyId,
  detailParams,
  dispatchTask,
  doesNotExist,
  filterVersion,
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

const CONTENT_HREF = { name: 'file_file_content_href', prefix: `${prefixes.content}{id}/` };
const TAGS = ['Content: Files'];
// Pulp's rule for a file's place in a distribution: relative, no empty, "." or ".." segments.
const RELATIVE_PATH = /^[^/]+(\/[^/]+)*$/;

export const contentListParams = listQueryParams([
  ...textParams('relative_path'),
  str('sha256'),
  str('repository_version'),
  str('repository_version_added'),
  str('repository_version_removed'),
  str('pulp_label_select'),
]);

/** The list of file content, shared with the generic content list. */
export function listContent(app: App): Route<App>['handler'] {
  return (req) => {
    const q = req.query;
    return listResponse(
      req,
      (w) =>
        fileServices(app).data.content.list(
          {
            ids: idsIn(q, 'content'),
            relativePath: textMatch(q, 'relative_path'),
            sha256: q.sha256 as string | undefined,
            inVersion: filterVersion(q, 'repository_version'),
            addedIn: filterVersion(q, 'repository_version_added'),
            removedIn: filterVersion(q, 'repository_version_removed'),
            labels: labelTerms(q),
            ordering: ordering(q, ['pulp_created', 'relative_path', 'sha256']),
          },
          w,
        ),
      serializeContent,
    );
  };
}

export const contentRoutes: Route<App>[] = [
  {
    method: 'GET',
    path: prefixes.content,
    operationId: 'content_file_files_list',
    summary: 'List file contents',
    tags: TAGS,
    query: contentListParams,
    responses: { 200: { description: 'A page of file content.', schema: { paginated: FileContentResponse } } },
    handler: (req, app) => listContent(app)(req, app),
  },
  {
    method: 'GET',
    path: `${prefixes.content}{id}/`,
    operationId: 'content_file_files_read',
    summary: 'Inspect a file content',
    tags: TAGS,
    hrefParameter: CONTENT_HREF,
    query: detailParams,
    responses: { 200: { description: 'The content unit.', schema: FileContentResponse }, ...notFoundResponse },
    handler: async (req, app) => {
      const unit = await fileServices(app).content.get(req.params.id!);
      if (!unit) throw notFound();
      return { status: 200, body: select(req, serializeContent(unit)) };
    },
  },
  {
    method: 'POST',
    path: prefixes.content,
    operationId: 'content_file_files_create',
    summary: 'Create a file content',
    tags: TAGS,
    // JSON first: pulp-glue then sends JSON when no file is attached.
    body: { schema: FileContentRequest, contentTypes: ['application/json', 'multipart/form-data', 'application/x-www-form-urlencoded'] },
    responses: { ...taskResponse, ...badRequest },
    handler: async (req, app) => {
      const services = fileServices(app);
      const body = req.body;
      const sources = ['file', 'upload', 'artifact', 'file_url'].filter((k) => body[k] !== undefined && body[k] !== null);
      if (sources.length !== 1)
        throw nonFieldError('Exactly one of "file", "upload", "artifact" or "file_url" must be given.');
      if (body.file_url !== undefined && !isDownloadableUrl(String(body.file_url)))
        throw validationError({ file_url: ['Enter a valid http:// or https:// URL.'] });
      const relativePath = String(body.relative_path);
      if (!RELATIVE_PATH.test(relativePath) || relativePath.split('/').some((s) => s === '.' || s === '..'))
        throw validationError({ relative_path: ['The path must be relative, without empty, "." or ".." segments.'] });
      const exclusive: string[] = [];
      const args: Record<string, unknown> = { kind: KINDS.content, relativePath, pulpLabels: body.pulp_labels ?? {} };
      if (body.repository !== undefined && body.repository !== null) {
        const repositoryId = bodyId('repository', 'repository', body.repository);
        if (!(await services.data.repositories.get(repositoryId))) throw doesNotExist('repository');
        args.repositoryId = repositoryId;
        exclusive.push(prns.repository(repositoryId));
      }
      if (body.artifact !== undefined) {
        const artifactId = bodyId('artifact', 'artifact', body.artifact);
        if (!(await services.data.artifacts.get(artifactId))) throw doesNotExist('artifact');
        args.artifactId = artifactId;
      } else if (body.upload !== undefined) {
        const uploadId = bodyId('upload', 'upload', body.upload);
        if (!(await services.data.uploads.get(uploadId))) throw doesNotExist('upload');
        args.uploadId = uploadId;
        exclusive.unshift(prns.upload(uploadId));
      } else if (body.file_url !== undefined) {
        // Downloaded by the task, as Pulp does: the request does not wait for the bytes.
        args.fileUrl = String(body.file_url);
      } else {
        // The bytes are stored (deduplicated) now; the task then only links them.
        const file = body.file as UploadedFile;
        const artifact = await services.artifacts.storeBytes(file.data).catch((err: unknown) => {
          if (err instanceof DigestMismatch) throw nonFieldError(err.message);
          throw err;
        });
        args.artifactId = artifact.id;
      }
      return dispatchTask(app, req, { name: GENERAL_TASKS.create, args, exclusive });
    },
  },
];

