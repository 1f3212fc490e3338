// A comma-separated PEP 440 specifier set (`>=1.0,!=1.3,<2`) and membership with pip's
// pre-release rule: pre-releases (and dev releases) are out unless asked for, or unless one of
// the specifiers names one (`>=2.0b1`). An empty set matches every final release.

import { isPrerelease, tryParseVersion, type Version } from '../versions/version';
import { formatSpecifier, namesPrerelease, parseSpecifier, satisfies, type Specifier } from './specifier';

export interface SpecifierSet {
  readonly specifiers: readonly Specifier[];
}

export interface ContainsOptions {
  /** true: pre-releases may match; false: never; undefined: only if a specifier names one. */
  prereleases?: boolean;
}

/** Parses `>=1.0, <2` (empty items are skipped, as packaging does); throws 'invalid-specifier'. */
export function parseSpecifierSet(text: string): SpecifierSet {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return { specifiers: items.map(parseSpecifier) };
}

export function formatSpecifierSet(set: SpecifierSet): string {
  return set.specifiers.map(formatSpecifier).join(',');
}

/** Whether the set lets pre-releases in by itself (one of its specifiers names one). */
export function allowsPrereleases(set: SpecifierSet): boolean {
  return set.specifiers.some(namesPrerelease);
}

/** Whether `version` (text or parsed) is in the set. Text that is not PEP 440 matches only `===`. */
export function contains(set: SpecifierSet, version: string | Version, options: ContainsOptions = {}): boolean {
  const parsed = typeof version === 'string' ? tryParseVersion(version) : version;
  if (!parsed) {
    const text = version as string;
    const arbitrary = set.specifiers.length > 0 && set.specifiers.every((s) => s.operator === '===');
    return arbitrary && set.specifiers.every((s) => text.trim().toLowerCase() === s.version.toLowerCase());
  }
  const prereleases = options.prereleases ?? allowsPrereleases(set);
  if (!prereleases && isPrerelease(parsed)) return false;
  const text = typeof version === 'string' ? version : undefined;
  return set.specifiers.every((specifier) => satisfies(specifier, parsed, text));
}
