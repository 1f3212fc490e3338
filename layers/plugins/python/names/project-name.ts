// Project names (PEP 503 normalization, PEP 508 validity).

const VALID_NAME = /^([a-z0-9]|[a-z0-9][a-z0-9._-]*[a-z0-9])$/i;
const SEPARATOR_RUNS = /[-_.]+/g;

/** PEP 503: runs of `-`, `_`, `.` become one `-`, lower-cased. Index URLs and lookups use this. */
export function normalizeName(name: string): string {
  return name.replace(SEPARATOR_RUNS, '-').toLowerCase();
}

/** PEP 508 (and core metadata `Name`): ASCII letters and digits, with `.-_` inside only. */
export function isValidProjectName(name: string): boolean {
  return VALID_NAME.test(name);
}

/** Whether two spellings name the same project. */
export function sameProject(a: string, b: string): boolean {
  return normalizeName(a) === normalizeName(b);
}
