// Validation of twine's legacy upload form (`POST /pypi/<base_path>/legacy/`), already parsed
// from multipart: the checks and 400 texts of pulp_python's PackageUploadSerializer (DRF field
// errors first, all at once; then the cross-field rules), plus the sha256 check on the bytes.
// Every other field twine sends (name, version, classifiers, …) is ignored: the metadata is
// read again from the file.

import { PythonClientError } from '../client-error';
import { DIST_EXTENSIONS, invalidExtensionMessage, type FilePackageType } from '../filenames/package-type';
import { SUPPORTED_METADATA_VERSIONS } from '../metadata/core-metadata';
import { sha256Hex } from '../digest';

export type FormFields = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface UploadedFile {
  readonly filename: string;
  readonly bytes: Uint8Array;
}

export interface LegacyUpload {
  readonly filename: string;
  readonly bytes: Uint8Array;
  readonly sha256: string;
  readonly packagetype: FilePackageType;
  /** The raw `attestations` JSON text, when sent (PEP 740). */
  readonly attestations: string | null;
}

const FILETYPES = ['bdist_wheel', 'sdist'];
const PROTOCOL_VERSIONS = ['1'];

// A repeated field counts by its last value, as Django's QueryDict.get reads it.
function field(fields: FormFields, name: string): string | undefined {
  const value = fields[name];
  return Array.isArray(value) ? value[value.length - 1] : (value as string | undefined);
}

const notAChoice = (value: string): string => `"${value}" is not a valid choice.`;

function fieldErrors(fields: FormFields, file: UploadedFile | null): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  if (!file) errors.content = ['No file was submitted.'];
  else if (file.bytes.byteLength === 0) errors.content = ['The submitted file is empty.'];

  const digest = field(fields, 'sha256_digest');
  if (digest === undefined) errors.sha256_digest = ['This field is required.'];
  else if (digest === '') errors.sha256_digest = ['This field may not be blank.'];
  else if (digest.length < 64) errors.sha256_digest = ['Ensure this field has at least 64 characters.'];
  else if (digest.length > 64) errors.sha256_digest = ['Ensure this field has no more than 64 characters.'];

  const protocol = field(fields, 'protocol_version');
  if (protocol !== undefined && !PROTOCOL_VERSIONS.includes(protocol)) errors.protocol_version = [notAChoice(protocol)];
  const filetype = field(fields, 'filetype');
  if (filetype !== undefined && !FILETYPES.includes(filetype)) errors.filetype = [notAChoice(filetype)];
  const metadataVersion = field(fields, 'metadata_version');
  if (metadataVersion !== undefined && !(SUPPORTED_METADATA_VERSIONS as readonly string[]).includes(metadataVersion)) {
    errors.metadata_version = [notAChoice(metadataVersion)];
  }
  return errors;
}

const fail = (errors: Record<string, string[]>): never => {
  const [first] = Object.entries(errors);
  throw new PythonClientError('invalid-upload', first![1][0]!, first![0], errors);
};

/** Validates the form; throws a `PythonClientError` whose `body()` is Pulp's 400 JSON. */
export function validateLegacyUpload(fields: FormFields, file: UploadedFile | null): LegacyUpload {
  const errors = fieldErrors(fields, file);
  if (Object.keys(errors).length) fail(errors);
  // Browsers may send a client-side path; only the last component names the file.
  const upload = { ...file!, filename: file!.filename.replace(/^.*[\\/]/, '') };

  const action = field(fields, ':action') ?? 'file_upload';
  if (action !== 'file_upload') fail({ non_field_errors: [`We do not support the :action ${action}`] });

  const match = DIST_EXTENSIONS.find(([extension]) => upload.filename.endsWith(extension));
  if (!match) fail({ content: [invalidExtensionMessage(upload.filename)] });
  const packagetype = match![1];
  const filetype = field(fields, 'filetype');
  if (filetype && filetype !== packagetype) {
    fail({ filetype: [`filetype ${filetype} does not match found filetype ${packagetype} for file ${upload.filename}`] });
  }

  const expected = field(fields, 'sha256_digest')!.toLowerCase();
  const actual = sha256Hex(upload.bytes);
  if (expected !== actual) {
    fail({ sha256_digest: [`A file failed validation due to checksum. Expected '${expected}', Actual '${actual}'`] });
  }

  return {
    filename: upload.filename,
    bytes: upload.bytes,
    sha256: actual,
    packagetype,
    attestations: field(fields, 'attestations') ?? null,
  };
}
