import type { ArtifactInput, FieldErrors, PluginServices, UnitFromArtifact } from '../../../plugin-api';
import { extractPackage, type ExtractedPackage } from '../extraction/extract-package';
import { invalidExtensionMessage, packageTypeOf } from '../filenames/package-type';
import { fieldsFromPackage, metadataPath, type PackageFields } from './package-fields';

export interface StoredPackage {
  extracted: ExtractedPackage;
  fields: PackageFields;
  /** The wheel's METADATA, stored, to be linked at `<file>.metadata`. */
  extraArtifacts: Array<{ relativePath: string; artifactId: string }>;
}

export interface PackageOptions {
  yanked?: boolean;
  yankedReason?: string;
  /** When the file was published (pull-through keeps the upstream's); default now. */
  uploadTime?: string | null;
}

/**
 * Reads a distribution's metadata from its bytes (throws `PythonClientError` for a bad file) and
 * stores a wheel's METADATA as an artifact of its own, so `<file>.metadata` is served whenever
 * the index advertises it.
 */
export async function storePackage(services: PluginServices, filename: string, bytes: Uint8Array, options: PackageOptions = {}): Promise<StoredPackage> {
  const extracted = await extractPackage(filename, bytes);
  const extraArtifacts: StoredPackage['extraArtifacts'] = [];
  let metadataSha256 = '';
  if (extracted.metadataFile) {
    const stored = await services.artifacts.storeBytes(extracted.metadataFile.bytes);
    metadataSha256 = stored.sha256;
    extraArtifacts.push({ relativePath: metadataPath(filename), artifactId: stored.id });
  }
  const fields = fieldsFromPackage(extracted, {
    metadataSha256,
    uploadTime: options.uploadTime ?? new Date().toISOString(),
    yanked: options.yanked,
    yankedReason: options.yankedReason,
  });
  return { extracted, fields, extraArtifacts };
}

/** A distribution's filename: a plain name with one of the extensions pulp_python accepts. */
export function filenameProblem(filename: string): string | undefined {
  if (!packageTypeOf(filename)) return invalidExtensionMessage(filename);
  if (/[/\\\u0000-\u001f]/.test(filename) || filename.startsWith('.')) return `${filename} is not a file name.`;
  return undefined;
}

export function validateCreate(body: Record<string, unknown>): FieldErrors | undefined {
  const problem = filenameProblem(String(body.relative_path ?? ''));
  return problem ? { non_field_errors: [problem] } : undefined;
}

/** content/python/packages/ create: the unit from its artifact, named by `relative_path`. */
export async function unitFromArtifact({ artifact, body, services, read }: ArtifactInput): Promise<UnitFromArtifact> {
  const filename = String(body.relative_path);
  if (typeof body.sha256 === 'string' && body.sha256 !== '' && body.sha256.toLowerCase() !== artifact.sha256) {
    throw new Error("The uploaded artifact's sha256 checksum does not match the one provided");
  }
  const stored = await storePackage(services, filename, await read(), {
    yanked: body.yanked === true,
    yankedReason: typeof body.yanked_reason === 'string' ? body.yanked_reason : '',
  });
  return { fields: { ...stored.fields }, relativePath: filename, extraArtifacts: stored.extraArtifacts };
}
