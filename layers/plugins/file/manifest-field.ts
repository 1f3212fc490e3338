import { f, isSafeRelativePath, type ExtraField } from '../../plugin-api';

/**
 * The `manifest` field of file repositories and publications: the name PULP_MANIFEST is
 * published under. It becomes a served path, so it follows the path rules of every file.
 */
export const manifestField: ExtraField = {
  schema: f.string({ nullable: true, default: 'PULP_MANIFEST', maxLength: 255, format: 'path', description: 'Filename to use for manifest file containing metadata for all the files.' }),
  default: 'PULP_MANIFEST',
  check: (value) =>
    value === null || (typeof value === 'string' && isSafeRelativePath(value))
      ? undefined
      : 'The path must be relative, without empty, "." or ".." segments.',
};
