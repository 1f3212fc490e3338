// Core metadata (Metadata-Version 1.0–2.5) read from METADATA / PKG-INFO into pulp_python's
// field names and encodings: single fields are strings ('' when absent or 'UNKNOWN'), list and
// dict fields are JSON-encoded strings ("[]", '["LICENSE"]', '{"Homepage": "https://…"}').

import { PythonClientError } from '../client-error';
import { isValidProjectName } from '../names/project-name';
import { tryParseVersion } from '../versions/version';
import { pythonJsonDumps } from './python-json';
import { decodeMetadataText, headerValues, parseRfc822, type Rfc822Message } from './rfc822';

export interface CoreMetadata {
  metadata_version: string;
  name: string;
  version: string;
  summary: string;
  description: string;
  description_content_type: string;
  keywords: string;
  home_page: string;
  download_url: string;
  author: string;
  author_email: string;
  maintainer: string;
  maintainer_email: string;
  license: string;
  license_expression: string;
  /** JSON list. */
  license_file: string;
  /** Platform values joined by ', '. */
  platform: string;
  /** Supported-Platform values joined by ', '. */
  supported_platform: string;
  /** JSON list. */
  classifiers: string;
  /** JSON list. */
  requires_dist: string;
  /** JSON list. */
  provides_dist: string;
  /** JSON list. */
  obsoletes_dist: string;
  /** JSON list. */
  requires_external: string;
  requires_python: string;
  /** Not a core metadata field; pulp_python fills it only from PyPI's JSON on sync. */
  project_url: string;
  /** JSON object label → URL. */
  project_urls: string;
  /** JSON list. */
  provides_extras: string;
  /** JSON list. */
  dynamic: string;
}

const SINGLE_FIELDS = {
  summary: 'Summary',
  description_content_type: 'Description-Content-Type',
  keywords: 'Keywords',
  home_page: 'Home-page',
  download_url: 'Download-URL',
  author: 'Author',
  author_email: 'Author-email',
  maintainer: 'Maintainer',
  maintainer_email: 'Maintainer-email',
  license: 'License',
  license_expression: 'License-Expression',
  requires_python: 'Requires-Python',
} as const satisfies Partial<Record<keyof CoreMetadata, string>>;

const LIST_FIELDS = {
  license_file: 'License-File',
  classifiers: 'Classifier',
  requires_dist: 'Requires-Dist',
  provides_dist: 'Provides-Dist',
  obsoletes_dist: 'Obsoletes-Dist',
  requires_external: 'Requires-External',
  provides_extras: 'Provides-Extra',
  dynamic: 'Dynamic',
} as const satisfies Partial<Record<keyof CoreMetadata, string>>;

/** Metadata-Version values this server reads and accepts on upload. */
export const SUPPORTED_METADATA_VERSIONS = ['1.0', '1.1', '1.2', '2.0', '2.1', '2.2', '2.3', '2.4', '2.5'] as const;

function invalid(reason: string): PythonClientError {
  return new PythonClientError('invalid-metadata', `Invalid core metadata: ${reason}`);
}

// Continuation lines of a header fold into one line, except the description's, which keep
// their line breaks minus the 8-space (or 7-space-and-bar) indent writers put there.
const foldHeader = (value: string): string =>
  value
    .split('\n')
    .map((line) => line.trim())
    .join(' ')
    .trim();

function unfoldDescription(value: string): string {
  return value
    .trim()
    .split('\n')
    .map((line) => (line.startsWith('        ') ? line.slice(8) : line.startsWith('       |') ? line.slice(8) : line))
    .join('\n');
}

function single(message: Rfc822Message, header: string): string {
  const value = headerValues(message, header)[0];
  if (value === undefined) return '';
  const folded = foldHeader(value);
  return folded === 'UNKNOWN' ? '' : folded;
}

const list = (message: Rfc822Message, header: string): string[] => headerValues(message, header).map(foldHeader);

// `Project-URL: Label, https://…` → {Label: url}; the first comma splits, both sides trimmed.
// A Map, so that a hostile label such as `__proto__` stays a plain key.
function projectUrls(message: Rfc822Message): Record<string, string> {
  const urls = new Map<string, string>();
  for (const entry of list(message, 'Project-URL')) {
    const comma = entry.indexOf(',');
    const label = (comma < 0 ? '' : entry.slice(0, comma)).trim();
    urls.set(label, (comma < 0 ? entry : entry.slice(comma + 1)).trim());
  }
  return Object.fromEntries(urls);
}

function description(message: Rfc822Message): string {
  if (message.body !== null && message.body !== '') return message.body;
  const header = headerValues(message, 'Description')[0];
  if (header === undefined) return '';
  const text = unfoldDescription(header);
  return text === 'UNKNOWN' ? '' : text;
}

/** Reads core metadata from the file's text, without checking required fields. */
export function readCoreMetadata(text: string): CoreMetadata {
  const message = parseRfc822(text);
  const fields: Partial<CoreMetadata> = {
    metadata_version: single(message, 'Metadata-Version'),
    name: single(message, 'Name'),
    version: single(message, 'Version'),
    description: description(message),
    platform: list(message, 'Platform')
      .filter((value) => value !== 'UNKNOWN')
      .join(', '),
    supported_platform: list(message, 'Supported-Platform').join(', '),
    project_url: '',
    project_urls: pythonJsonDumps(projectUrls(message)),
  };
  for (const [field, header] of Object.entries(SINGLE_FIELDS)) {
    fields[field as keyof typeof SINGLE_FIELDS] = single(message, header);
  }
  for (const [field, header] of Object.entries(LIST_FIELDS)) {
    fields[field as keyof typeof LIST_FIELDS] = pythonJsonDumps(list(message, header));
  }
  return fields as CoreMetadata;
}

/**
 * Parses a METADATA / PKG-INFO file and checks what an index needs: a Metadata-Version, a valid
 * project name and a PEP 440 version. Throws a `PythonClientError` ('invalid-metadata').
 */
export function parseCoreMetadata(bytes: Uint8Array): CoreMetadata {
  const metadata = readCoreMetadata(decodeMetadataText(bytes));
  if (!metadata.metadata_version) throw invalid('no Metadata-Version');
  if (!metadata.name) throw invalid('no Name');
  if (!isValidProjectName(metadata.name)) throw invalid(`invalid Name '${metadata.name}'`);
  if (!metadata.version) throw invalid('no Version');
  if (!tryParseVersion(metadata.version)) throw invalid(`Version '${metadata.version}' is not a valid PEP 440 version`);
  return metadata;
}

/** Decodes one of the JSON-encoded list fields back to a list ([] for '' or junk). */
export function decodeListField(value: string): string[] {
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

/** Decodes `project_urls` back to an object ({} for '' or junk). */
export function decodeDictField(value: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(value);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return {};
  }
}
