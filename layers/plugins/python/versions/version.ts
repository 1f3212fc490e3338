// PEP 440 versions: parsing with the spec's normalizations and the canonical string.
// Numbers are bigints: release segments such as dates (20240101123456789) exceed 2^53.

import { PythonClientError } from '../client-error';

export type PreLabel = 'a' | 'b' | 'rc';
export type LocalSegment = bigint | string;

export interface Version {
  readonly epoch: bigint;
  readonly release: readonly bigint[];
  readonly pre: readonly [PreLabel, bigint] | null;
  readonly post: bigint | null;
  readonly dev: bigint | null;
  readonly local: readonly LocalSegment[] | null;
}

// PEP 440 Appendix B's permissive form, as the packaging library accepts it.
const VERSION_PATTERN = new RegExp(
  '^\\s*v?' +
    '(?:(?<epoch>[0-9]+)!)?' +
    '(?<release>[0-9]+(?:\\.[0-9]+)*)' +
    '(?<pre>[-_.]?(?<preL>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<preN>[0-9]+)?)?' +
    '(?<post>(?:-(?<postN1>[0-9]+))|(?:[-_.]?(?<postL>post|rev|r)[-_.]?(?<postN2>[0-9]+)?))?' +
    '(?<dev>[-_.]?(?<devL>dev)[-_.]?(?<devN>[0-9]+)?)?' +
    '(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?' +
    '\\s*$',
  'i',
);

const PRE_SPELLINGS: Record<string, PreLabel> = {
  a: 'a',
  alpha: 'a',
  b: 'b',
  beta: 'b',
  c: 'rc',
  rc: 'rc',
  pre: 'rc',
  preview: 'rc',
};

/** Longest version string parsed: a bound on work for hostile input, far above real versions. */
export const MAX_VERSION_LENGTH = 256;

export function invalidVersion(text: string): PythonClientError {
  return new PythonClientError('invalid-version', `Invalid version: '${text}'`);
}

/** Parses a PEP 440 version; throws a `PythonClientError` ('invalid-version') otherwise. */
export function parseVersion(text: string): Version {
  const version = tryParseVersion(text);
  if (!version) throw invalidVersion(text);
  return version;
}

/** Parses a PEP 440 version, or null (legacy and junk versions). */
export function tryParseVersion(text: string): Version | null {
  if (text.length > MAX_VERSION_LENGTH) return null;
  const groups = VERSION_PATTERN.exec(text)?.groups;
  if (!groups) return null;
  const postNumber = groups.postN1 ?? groups.postN2;
  return {
    epoch: BigInt(groups.epoch ?? 0),
    release: groups.release!.split('.').map(BigInt),
    pre: groups.pre ? [PRE_SPELLINGS[groups.preL!.toLowerCase()]!, BigInt(groups.preN ?? 0)] : null,
    post: groups.post ? BigInt(postNumber ?? 0) : null,
    dev: groups.dev ? BigInt(groups.devN ?? 0) : null,
    local: groups.local ? groups.local.split(/[-_.]/).map(localSegment) : null,
  };
}

function localSegment(part: string): LocalSegment {
  return /^[0-9]+$/.test(part) ? BigInt(part) : part.toLowerCase();
}

export function isValidVersion(text: string): boolean {
  return tryParseVersion(text) !== null;
}

/** Pre-releases in PEP 440's sense include dev releases (`1.0.dev1`, `1.0a1`, `1.0a1.dev1`). */
export function isPrerelease(version: Version): boolean {
  return version.pre !== null || version.dev !== null;
}

export function isDevrelease(version: Version): boolean {
  return version.dev !== null;
}

export function isPostrelease(version: Version): boolean {
  return version.post !== null;
}

/** The normalized form (`str(Version)` in packaging): `1!2.0rc1.post2.dev3+ubuntu.1`. */
export function formatVersion(version: Version): string {
  let text = formatPublic(version);
  if (version.local) text += `+${version.local.join('.')}`;
  return text;
}

/** The normalized form of a version string; throws like `parseVersion`. */
export function canonicalVersion(text: string, options: { stripTrailingZeros?: boolean } = {}): string {
  const version = parseVersion(text);
  return formatVersion(options.stripTrailingZeros ? { ...version, release: trimRelease(version.release) } : version);
}

function formatPublic(version: Version): string {
  let text = version.epoch !== 0n ? `${version.epoch}!` : '';
  text += version.release.join('.');
  if (version.pre) text += `${version.pre[0]}${version.pre[1]}`;
  if (version.post !== null) text += `.post${version.post}`;
  if (version.dev !== null) text += `.dev${version.dev}`;
  return text;
}

/** The version without its local label (`1.0+abc` → `1.0`). */
export function publicVersion(version: Version): Version {
  return version.local === null ? version : { ...version, local: null };
}

/** Epoch and release only (`1!2.0rc1.post1` → `1!2.0`). */
export function baseVersion(version: Version): Version {
  return { epoch: version.epoch, release: version.release, pre: null, post: null, dev: null, local: null };
}

/** The release without trailing zeros (at least one segment): `1.0.0` and `1` compare equal. */
export function trimRelease(release: readonly bigint[]): readonly bigint[] {
  let end = release.length;
  while (end > 1 && release[end - 1] === 0n) end--;
  return end === release.length ? release : release.slice(0, end);
}
