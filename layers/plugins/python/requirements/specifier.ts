// One PEP 440 version specifier (`>=1.0`, `~=2.2`, `==1.*`, `!=1.3`, `===foo`) and whether a
// version satisfies it, as the packaging library (26) defines the operators.

import { PythonClientError } from '../client-error';
import { compareVersions } from '../versions/compare';
import {
  baseVersion,
  formatVersion,
  isPrerelease,
  publicVersion,
  tryParseVersion,
  type Version,
} from '../versions/version';

export type Operator = '~=' | '==' | '!=' | '<=' | '>=' | '<' | '>' | '===';

export interface Specifier {
  readonly operator: Operator;
  /** The version text as written (after the operator, trimmed); `1.*` keeps its wildcard. */
  readonly version: string;
  /** The parsed version (for wildcards, of the prefix); null only for `===`. */
  readonly parsed: Version | null;
  readonly wildcard: boolean;
}

const PRE = '(?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*)?';
const POST = '(?:(?:-[0-9]+)|(?:[-_.]?(?:post|rev|r)[-_.]?[0-9]*))?';
const DEV = '(?:[-_.]?dev[-_.]?[0-9]*)?';
const LOCAL = '(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?';
const HEAD = 'v?(?:[0-9]+!)?[0-9]+';

// What each operator may be followed by (the packaging library's specifier grammar).
const VERSION_FORMS: Record<Operator, RegExp> = {
  '===': /^[^\s;)]*$/,
  '==': new RegExp(`^${HEAD}(?:\\.[0-9]+)*(?:\\.\\*|${PRE}${POST}${DEV}${LOCAL})$`, 'i'),
  '!=': new RegExp(`^${HEAD}(?:\\.[0-9]+)*(?:\\.\\*|${PRE}${POST}${DEV}${LOCAL})$`, 'i'),
  '~=': new RegExp(`^${HEAD}(?:\\.[0-9]+)+${PRE}${POST}${DEV}$`, 'i'),
  '<=': new RegExp(`^${HEAD}(?:\\.[0-9]+)*${PRE}${POST}${DEV}$`, 'i'),
  '>=': new RegExp(`^${HEAD}(?:\\.[0-9]+)*${PRE}${POST}${DEV}$`, 'i'),
  '<': new RegExp(`^${HEAD}(?:\\.[0-9]+)*${PRE}${POST}${DEV}$`, 'i'),
  '>': new RegExp(`^${HEAD}(?:\\.[0-9]+)*${PRE}${POST}${DEV}$`, 'i'),
};

const OPERATOR = /^\s*(===|~=|==|!=|<=|>=|<|>)\s*/;

export function invalidSpecifier(text: string): PythonClientError {
  return new PythonClientError('invalid-specifier', `Invalid specifier: '${text}'`);
}

/** Parses one specifier such as `>= 1.0`; throws a `PythonClientError` ('invalid-specifier'). */
export function parseSpecifier(text: string): Specifier {
  const head = OPERATOR.exec(text);
  if (!head) throw invalidSpecifier(text);
  const operator = head[1] as Operator;
  const version = text.slice(head[0].length).trimEnd();
  if (!VERSION_FORMS[operator].test(version) || (operator === '===' && version === '')) {
    throw invalidSpecifier(text);
  }
  const wildcard = version.endsWith('.*');
  const parsed = operator === '===' ? null : tryParseVersion(wildcard ? version.slice(0, -2) : version);
  if (operator !== '===' && !parsed) throw invalidSpecifier(text);
  return { operator, version, parsed, wildcard };
}

export function formatSpecifier(specifier: Specifier): string {
  return `${specifier.operator}${specifier.version}`;
}

/**
 * Whether this specifier on its own lets pre-releases in: it names one (`>=2.0b1`), except
 * through `!=` or a wildcard. `===` with a non-PEP-440 string does not.
 */
export function namesPrerelease(specifier: Specifier): boolean {
  if (specifier.operator === '!=' || specifier.wildcard) return false;
  const version = specifier.parsed ?? tryParseVersion(specifier.version);
  return version !== null && isPrerelease(version);
}

/**
 * Whether `version` satisfies the operator, ignoring pre-release policy (the set applies it).
 * `text` is the version as given, used only by `===` (a case-insensitive string match).
 */
export function satisfies(specifier: Specifier, version: Version, text = formatVersion(version)): boolean {
  const spec = specifier.parsed;
  switch (specifier.operator) {
    case '===':
      return text.trim().toLowerCase() === specifier.version.toLowerCase();
    case '==':
      return equalTo(specifier, version);
    case '!=':
      return !equalTo(specifier, version);
    case '~=':
      return compareVersions(publicVersion(version), spec!) >= 0 && prefixMatch(compatiblePrefix(spec!), version);
    case '<=':
      return compareVersions(publicVersion(version), spec!) <= 0;
    case '>=':
      return compareVersions(publicVersion(version), spec!) >= 0;
    case '<':
      return lessThan(spec!, version);
    case '>':
      return greaterThan(spec!, version);
  }
}

function equalTo(specifier: Specifier, version: Version): boolean {
  const spec = specifier.parsed!;
  if (specifier.wildcard) return prefixMatch(spec, version);
  // Without a local label in the specifier, the candidate's local label is ignored.
  return compareVersions(spec.local ? version : publicVersion(version), spec) === 0;
}

// `==1.2.*`: same epoch, and the release padded with zeros starts with the prefix's release.
function prefixMatch(prefix: Version, version: Version): boolean {
  if (prefix.epoch !== version.epoch) return false;
  return prefix.release.every((segment, i) => (version.release[i] ?? 0n) === segment);
}

// `~=2.2.3` means `>=2.2.3, ==2.2.*`: drop the last release segment (and any suffixes).
function compatiblePrefix(spec: Version): Version {
  return { ...baseVersion(spec), release: spec.release.slice(0, -1) };
}

// `<V` never admits a pre-release of V unless V is one: below V.dev0, the first of them.
function lessThan(spec: Version, version: Version): boolean {
  const bound = isPrerelease(spec) ? spec : { ...spec, dev: 0n, local: null };
  return compareVersions(version, bound) < 0;
}

// `>V` never admits V's post-releases or local versions: for a dev or post V the next real
// version is the bound, otherwise anything above V outside V's family (same release and pre).
function greaterThan(spec: Version, version: Version): boolean {
  if (spec.dev !== null) return compareVersions(version, { ...spec, dev: spec.dev + 1n, local: null }) >= 0;
  if (spec.post !== null) return compareVersions(version, { ...spec, post: spec.post + 1n, dev: 0n, local: null }) >= 0;
  return compareVersions(version, spec) > 0 && !sameRelease(version, spec);
}

const sameRelease = (a: Version, b: Version): boolean =>
  compareVersions({ ...baseVersion(a), pre: a.pre }, { ...baseVersion(b), pre: b.pre }) === 0;
