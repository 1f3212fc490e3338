import type { App } from '../../app/app';
import { ArtifactInUse } from '../../core/artifacts/artifact-service';
import { DigestMismatch } from '../../core/artifacts/digests';
import { DIGEST_NAMES } from '../../core/models/artifact';
import { conflict, notFound, validationError } from '../../http/errors';
import { listQueryParams } from '../../http/pagination';
import type { Route, UploadedFile } from '../../http/route';
import { detailParams, ordering, str } from '../common/filters';
import { idsIn } from '../common/references';
import { badRequestResponse, listResponse, notFoundResponse, select } from '../common/responses';
import { ArtifactRequest, ArtifactResponse, ARTIFACTS, serializeArtifact } from './artifact-serializer';

const ARTIFACT_HREF = { name: 'artifact_href', prefix: `${ARTIFACTS}{id}/` };
const TAGS = ['Artifacts'];
const DIGESTS = DIGEST_NAMES;

export const artifactRoutes: Route<App>[] = [
  {
    method: 'GET',
    path: ARTIFACTS,
    operationId: 'artifacts_list',
    access: { viewset: 'artifacts', action: 'list' },
    summary: 'List artifacts',
    tags: TAGS,
    query: listQueryParams(DIGESTS.map((d) => str(d))),
    responses: { 200: { description: 'A page of artifacts.', schema: { paginated: ArtifactResponse } } },
    handler: (req, app) =>
      listResponse(
        req,
        (w) =>
          app.data.artifacts.list(
            {
              ids: idsIn(app, req.query, [ARTIFACTS]),
              digests: Object.fromEntries(DIGESTS.map((d) => [d, req.query[d] as string | undefined])),
              ordering: ordering(req.query, ['pulp_created', 'size', 'sha256']),
            },
            w,
          ),
        serializeArtifact,
      ),
  },
  {
    method: 'POST',
    path: ARTIFACTS,
    operationId: 'artifacts_create',
    access: { viewset: 'artifacts', action: 'create' },
    summary: 'Create an artifact',
    tags: TAGS,
    body: { schema: ArtifactRequest, contentTypes: ['multipart/form-data', 'application/x-www-form-urlencoded'] },
    responses: { 201: { description: 'The artifact.', schema: ArtifactResponse }, ...badRequestResponse },
    handler: async (req, app) => {
      const expected: Record<string, string | number | null> = {};
      for (const d of DIGESTS) if (typeof req.body[d] === 'string') expected[d] = req.body[d] as string;
      if (typeof req.body.size === 'number') expected.size = req.body.size;
      const artifact = await app.services.artifacts
        .storeBytes((req.body.file as UploadedFile).data, expected)
        .catch((err: unknown) => {
          if (err instanceof DigestMismatch)
            throw validationError({
              non_field_errors: [err.field === 'size' ? 'The size did not match actual size of file.' : err.message],
            });
          throw err;
        });
      return { status: 201, body: serializeArtifact(artifact) };
    },
  },
  {
    method: 'GET',
    path: `${ARTIFACTS}{id}/`,
    operationId: 'artifacts_read',
    access: { viewset: 'artifacts', action: 'retrieve' },
    summary: 'Inspect an artifact',
    tags: TAGS,
    hrefParameter: ARTIFACT_HREF,
    query: detailParams,
    responses: { 200: { description: 'The artifact.', schema: ArtifactResponse }, ...notFoundResponse },
    handler: async (req, app) => {
      const artifact = await app.services.artifacts.get(req.params.id!);
      if (!artifact) throw notFound();
      return { status: 200, body: select(req, serializeArtifact(artifact)) };
    },
  },
  {
    method: 'DELETE',
    path: `${ARTIFACTS}{id}/`,
    operationId: 'artifacts_delete',
    access: { viewset: 'artifacts', action: 'destroy' },
    summary: 'Delete an artifact',
    tags: TAGS,
    hrefParameter: ARTIFACT_HREF,
    responses: { 204: { description: 'Deleted.' }, 409: { description: 'The artifact is in use.' }, ...notFoundResponse },
    handler: async (req, app) => {
      const deleted = await app.services.artifacts
        .delete(req.params.id!)
        .catch((err: unknown) => {
          if (err instanceof ArtifactInUse) throw conflict(err.message);
          throw err;
        });
      if (!deleted) throw notFound();
      return { status: 204 };
    },
  },
];
