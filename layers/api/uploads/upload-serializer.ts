import type { Upload } from '../../core/models/upload';
import { f, schema } from '../../http/schema/fields';
import { commonFields } from '../common/common-fields';

export const UPLOADS = '/pulp/api/v3/uploads/';

export const UploadSchema = schema('Upload', {
  ...commonFields(),
  size: f.integer({ required: true, minimum: 0, description: 'The size of the upload in bytes.' }),
  completed: f.dateTime({ readOnly: true, nullable: true, description: 'Timestamp when upload is committed.' }),
});

export const UploadDetailSchema = schema('UploadDetail', {
  ...UploadSchema.fields,
  chunks: f.array(f.json(), { readOnly: true }),
});

export const UploadChunkRequest = schema('UploadChunk', {
  file: f.file({ required: true, description: 'A chunk of the uploaded file.' }),
  sha256: f.string({ nullable: true, description: 'The SHA-256 checksum of the chunk if available.' }),
});

export const UploadCommitRequest = schema('UploadCommit', {
  sha256: f.string({ required: true, description: 'The expected sha256 checksum for the file.' }),
});

export function serializeUpload(u: Upload, detail = false): Record<string, unknown> {
  const out: Record<string, unknown> = {
    pulp_href: `${UPLOADS}${u.id}/`,
    prn: `prn:core.upload:${u.id}`,
    pulp_created: u.pulpCreated,
    pulp_last_updated: u.pulpLastUpdated,
    size: u.size,
    completed: u.completed,
  };
  if (detail) out.chunks = u.chunks.map((c) => ({ offset: c.offset, size: c.size }));
  return out;
}
