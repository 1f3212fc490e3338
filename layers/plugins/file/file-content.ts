import { f, isSafeRelativePath, MAX_RELATIVE_PATH_BYTES, type ContentTypeDefinition } from '../../plugin-api';
import { overlapProblem } from './path-rules';

const digest = (name: string) => f.string({ readOnly: true, nullable: true, description: `The ${name.toUpperCase()} checksum of the file if available.` });
const RELATIVE_PATH_RULE = 'The path must be relative, without empty, "." or ".." segments or control characters.';

/** pulp_file's FileContent: a file at a relative path, one unit per (relative_path, sha256). */
export const fileContent: ContentTypeDefinition = {
  app: 'file',
  endpointName: 'files',
  className: 'FileContent',
  pulpType: 'file.file',
  table: 'file_content',
  columns: {
    relative_path: { column: 'relative_path', type: 'text' },
    sha256: { column: 'digest', type: 'text' },
    // From the artifact or the manifest; null if unknown.
    size: { column: 'size', type: 'bigint' },
  },
  naturalKey: ['relative_path', 'sha256'],
  // A newer unit at the same path replaces the older one in a version.
  repositoryKey: ['relative_path'],
  filters: [
    { field: 'relative_path', kind: 'text' },
    { field: 'sha256', kind: 'exact' },
  ],
  ordering: ['relative_path', 'sha256'],
  responseFields: {
    relative_path: f.string({ readOnly: true, description: 'Path where the artifact is located relative to distributions base_path' }),
    md5: digest('md5'),
    sha1: digest('sha1'),
    sha224: digest('sha224'),
    sha256: digest('sha256'),
    sha384: digest('sha384'),
    sha512: digest('sha512'),
  },
  serialize: (unit) => ({
    relative_path: unit.fields.relative_path,
    md5: unit.artifact?.md5 ?? null,
    sha1: unit.artifact?.sha1 ?? null,
    sha224: unit.artifact?.sha224 ?? null,
    sha256: unit.fields.sha256,
    sha384: unit.artifact?.sha384 ?? null,
    sha512: unit.artifact?.sha512 ?? null,
  }),
  create: {
    fields: {
      relative_path: f.string({ required: true, maxLength: MAX_RELATIVE_PATH_BYTES, maxBytes: MAX_RELATIVE_PATH_BYTES, format: 'path', description: 'Path where the artifact is located relative to distributions base_path' }),
      overwrite: f.boolean({ writeOnly: true, default: true, description: 'When true, replace a unit with the same relative_path in the repository.' }),
    },
    validate: (body) => (isSafeRelativePath(String(body.relative_path)) ? undefined : { relative_path: [RELATIVE_PATH_RULE] }),
    fromArtifact: async ({ artifact, body }) => {
      const relativePath = String(body.relative_path);
      return { fields: { relative_path: relativePath, sha256: artifact.sha256, size: artifact.size }, relativePath };
    },
  },
  checkVersion: (units) => overlapProblem(units.map((u) => u.relativePath)),
};
