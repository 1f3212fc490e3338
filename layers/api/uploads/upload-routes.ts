import { objectRoleRoutes } from '../access/object-role-routes';
import { coreAccess } from '../access/route-access';
import type { App } from '../../app/app';
import { commitUploadTask } from '../../core/tasks/core-tasks';
import { UploadError } from '../../core/uploads/upload-service';
import { notFound, validationError } from '../../http/errors';
import { listQueryParams } from '../../http/pagination';
import type { Route, UploadedFile } from '../../http/route';
import { f } from '../../http/schema/fields';
import { detailParams } from '../common/filters';
import { badRequestResponse, dispatchResponse, FORMS, listResponse, notFoundResponse, select, taskResponse } from '../common/responses';
import { serializeUpload, UploadChunkRequest, UploadCommitRequest, UploadDetailSchema, UploadSchema, UPLOADS } from './upload-serializer';

const UPLOAD_HREF = { name: 'upload_href', prefix: `${UPLOADS}{id}/` };
const TAGS = ['Uploads'];

async function uploadOr404(app: App, id: string) {
  const upload = await app.services.uploads.get(id);
  if (!upload) throw notFound();
  return upload;
}

const uploadsAccess = coreAccess('uploads', 'core.upload');

export const uploadRoutes: Route<App>[] = [
  {
    method: 'GET',
    path: UPLOADS,
    operationId: 'uploads_list',
    access: uploadsAccess.list,
    summary: 'List uploads',
    tags: TAGS,
    query: listQueryParams(),
    responses: { 200: { description: 'A page of uploads.', schema: { paginated: UploadSchema } } },
    handler: (req, app) => listResponse(req, (w) => app.data.uploads.list(w, req.scope), (u) => serializeUpload(u)),
  },
  {
    method: 'POST',
    path: UPLOADS,
    operationId: 'uploads_create',
    access: uploadsAccess.create,
    summary: 'Create an upload',
    tags: TAGS,
    body: { schema: UploadSchema, contentTypes: [...FORMS] },
    responses: { 201: { description: 'The upload.', schema: UploadSchema }, ...badRequestResponse },
    handler: async (req, app) => ({ status: 201, body: serializeUpload(await app.services.uploads.create(Number(req.body.size))) }),
  },
  {
    method: 'GET',
    path: `${UPLOADS}{id}/`,
    operationId: 'uploads_read',
    access: uploadsAccess.on('retrieve'),
    summary: 'Inspect an upload',
    tags: TAGS,
    hrefParameter: UPLOAD_HREF,
    query: detailParams,
    responses: { 200: { description: 'The upload with its chunks.', schema: UploadDetailSchema }, ...notFoundResponse },
    handler: async (req, app) => ({ status: 200, body: select(req, serializeUpload(await uploadOr404(app, req.params.id!), true)) }),
  },
  {
    method: 'PUT',
    path: `${UPLOADS}{id}/`,
    operationId: 'uploads_update',
    access: uploadsAccess.on('update'),
    summary: 'Upload a file chunk',
    tags: TAGS,
    hrefParameter: UPLOAD_HREF,
    headers: [
      {
        name: 'Content-Range',
        field: f.string({ pattern: '^bytes\\s(\\d+)-(\\d+)/(\\d+|[*])$' }),
        required: true,
        description: 'The Content-Range header specifies the location of the file chunk within the file.',
      },
    ],
    body: { schema: UploadChunkRequest, contentTypes: ['multipart/form-data', 'application/x-www-form-urlencoded'] },
    responses: { 200: { description: 'The upload.', schema: UploadSchema }, ...badRequestResponse, ...notFoundResponse },
    handler: async (req, app) => {
      const upload = await uploadOr404(app, req.params.id!);
      const range = req.headers['content-range'];
      if (!range) throw validationError({ 'Content-Range': ['This header is required.'] });
      const updated = await app.services.uploads
        .putChunk(upload, range, (req.body.file as UploadedFile).data, req.body.sha256 as string | null | undefined)
        .catch((err: unknown) => {
          if (err instanceof UploadError) throw validationError({ [err.field]: [err.message] });
          throw err;
        });
      return { status: 200, body: serializeUpload(updated) };
    },
  },
  {
    method: 'DELETE',
    path: `${UPLOADS}{id}/`,
    operationId: 'uploads_delete',
    access: uploadsAccess.on('destroy'),
    summary: 'Delete an upload',
    tags: TAGS,
    hrefParameter: UPLOAD_HREF,
    responses: { 204: { description: 'Deleted.' }, ...notFoundResponse },
    handler: async (req, app) => {
      await uploadOr404(app, req.params.id!);
      await app.services.uploads.delete(req.params.id!);
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    path: `${UPLOADS}{id}/commit/`,
    operationId: 'uploads_commit',
    access: uploadsAccess.on('commit'),
    summary: 'Finish an upload',
    tags: TAGS,
    hrefParameter: UPLOAD_HREF,
    body: { schema: UploadCommitRequest, contentTypes: [...FORMS] },
    responses: { ...taskResponse, ...badRequestResponse, ...notFoundResponse },
    handler: async (req, app) => {
      const upload = await uploadOr404(app, req.params.id!);
      const sha256 = String(req.body.sha256).toLowerCase();
      if (!/^[0-9a-f]{64}$/.test(sha256)) throw validationError({ sha256: ['Enter the 64 hexadecimal digits of a sha256 checksum.'] });
      return dispatchResponse(app, req, commitUploadTask, { uploadId: upload.id, sha256 }, { exclusiveResources: [`prn:core.upload:${upload.id}`] });
    },
  },
  ...objectRoleRoutes({
    path: `${UPLOADS}{id}/`,
    operationPrefix: 'uploads',
    hrefParameter: UPLOAD_HREF,
    tags: TAGS,
    access: uploadsAccess,
    model: 'core.upload',
    find: (app, id) => uploadOr404(app, id),
  }),
];
