// A remote's includes/excludes (PEP 508 strings) as pulp_python applies them during sync: a
// bare name takes or drops the whole project, a specifier only the versions in its range, and
// entries for one project are OR'ed. Ranges ignore the pre-release policy (the remote's own
// `prereleases` flag decides that separately).

import { PythonClientError, isPythonClientError } from '../client-error';
import { normalizeName } from '../names/project-name';
import { tryParseVersion } from '../versions/version';
import { parseRequirement, type Requirement } from './requirement';
import { contains, type SpecifierSet } from './specifier-set';

export interface ReleaseFilter {
  /** Normalized names the includes list, or null when every project is included. */
  readonly includedProjects: readonly string[] | null;
  allowsProject(name: string): boolean;
  /** False also for versions that are not PEP 440 (they cannot be placed in a range). */
  allowsRelease(name: string, version: string): boolean;
}

interface Rules {
  whole: Set<string>;
  ranges: Map<string, SpecifierSet[]>;
}

function rulesOf(requirements: readonly string[]): Rules {
  const rules: Rules = { whole: new Set(), ranges: new Map() };
  for (const requirement of requirements.map(parseRequirement)) {
    addRule(rules, requirement);
  }
  return rules;
}

function addRule(rules: Rules, requirement: Requirement): void {
  const name = requirement.normalizedName;
  if (requirement.specifier.specifiers.length === 0) {
    rules.whole.add(name);
    return;
  }
  rules.ranges.set(name, [...(rules.ranges.get(name) ?? []), requirement.specifier]);
}

const inAny = (sets: readonly SpecifierSet[], version: string): boolean =>
  sets.some((set) => contains(set, version, { prereleases: true }));

/** Builds the filter; throws 'invalid-requirement' for a bad entry (validate first for a 400). */
export function buildReleaseFilter(includes: readonly string[], excludes: readonly string[]): ReleaseFilter {
  const include = rulesOf(includes);
  const exclude = rulesOf(excludes);
  const included = new Set([...include.whole, ...include.ranges.keys()]);

  const allowsProject = (name: string): boolean => {
    const normalized = normalizeName(name);
    if (included.size > 0 && !included.has(normalized)) return false;
    return !exclude.whole.has(normalized);
  };

  return {
    includedProjects: included.size > 0 ? [...included] : null,
    allowsProject,
    allowsRelease(name, version) {
      if (!allowsProject(name) || !tryParseVersion(version)) return false;
      const normalized = normalizeName(name);
      const includeRanges = include.ranges.get(normalized);
      if (includeRanges && !include.whole.has(normalized) && !inAny(includeRanges, version)) return false;
      const excludeRanges = exclude.ranges.get(normalized);
      return !(excludeRanges && inAny(excludeRanges, version));
    },
  };
}

/**
 * Validates a remote's `includes` or `excludes`; throws a `PythonClientError` on that field with
 * pulp_python's wording (`includes specifier <s> is invalid. <why>`).
 */
export function validateRequirementList(field: 'includes' | 'excludes', values: readonly string[]): void {
  for (const value of values) {
    try {
      parseRequirement(value);
    } catch (error) {
      if (!isPythonClientError(error)) throw error;
      throw new PythonClientError('invalid-requirement', `${field} specifier ${value} is invalid. ${error.message}`, field);
    }
  }
}
