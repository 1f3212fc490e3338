// PEP 440 total ordering, and how versions that are not PEP 440 sort beside the valid ones.

import { trimRelease, tryParseVersion, type LocalSegment, type Version } from './version';

const cmp = <T extends bigint | string>(a: T, b: T): number => (a < b ? -1 : a > b ? 1 : 0);

/** Negative, zero or positive as `a` sorts before, equal to or after `b` (packaging's `_cmpkey`). */
export function compareVersions(a: Version, b: Version): number {
  return (
    cmp(a.epoch, b.epoch) ||
    compareRelease(a.release, b.release) ||
    compareSlots(preSlot(a), preSlot(b)) ||
    compareSlots(postSlot(a), postSlot(b)) ||
    compareSlots(devSlot(a), devSlot(b)) ||
    compareLocal(a.local, b.local)
  );
}

export function versionsEqual(a: Version, b: Version): boolean {
  return compareVersions(a, b) === 0;
}

function compareRelease(a: readonly bigint[], b: readonly bigint[]): number {
  const left = trimRelease(a);
  const right = trimRelease(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const order = cmp(left[i]!, right[i]!);
    if (order) return order;
  }
  return left.length - right.length;
}

// A slot is −∞, +∞ or a (label, number) pair; labels `a` < `b` < `rc` (and `post`/`dev` alone).
type Slot = -1 | 1 | readonly [string, bigint];

function compareSlots(a: Slot, b: Slot): number {
  if (typeof a === 'number' || typeof b === 'number') {
    if (a === b) return 0;
    if (typeof a === 'number') return a;
    return -(b as number);
  }
  return cmp(a[0], b[0]) || cmp(a[1], b[1]);
}

function preSlot(v: Version): Slot {
  // A bare dev release (1.0.dev1) sorts before every pre-release of 1.0; no pre at all sorts after.
  if (v.pre === null && v.post === null && v.dev !== null) return -1;
  return v.pre ?? 1;
}

const postSlot = (v: Version): Slot => (v.post === null ? -1 : ['post', v.post]);
const devSlot = (v: Version): Slot => (v.dev === null ? 1 : ['dev', v.dev]);

// Local labels: none sorts first; segment-wise, numbers beat strings, strings compare as text,
// and a label that is a prefix of another sorts first.
function compareLocal(a: readonly LocalSegment[] | null, b: readonly LocalSegment[] | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (typeof x !== typeof y) return typeof x === 'bigint' ? 1 : -1;
    const order = cmp(x, y);
    if (order) return order;
  }
  return a.length - b.length;
}

/**
 * Orders version strings as an index lists them. Strings that are not PEP 440 versions (legacy
 * versions of old sdists, which pip and PyPI treat as invalid) sort before every valid version,
 * among themselves by their text, like packaging's old LegacyVersion did.
 */
export function compareVersionStrings(a: string, b: string): number {
  return compareParsed({ text: a, version: tryParseVersion(a) }, { text: b, version: tryParseVersion(b) });
}

interface Parsed {
  text: string;
  version: Version | null;
}

function compareParsed(a: Parsed, b: Parsed): number {
  if (a.version && b.version) return compareVersions(a.version, b.version) || cmp(a.text, b.text);
  if (a.version || b.version) return a.version ? 1 : -1;
  return cmp(a.text, b.text);
}

/** Distinct version strings in ascending order (see `compareVersionStrings`); each parsed once. */
export function sortVersionStrings(versions: Iterable<string>): string[] {
  return [...new Set(versions)]
    .map((text): Parsed => ({ text, version: tryParseVersion(text) }))
    .sort(compareParsed)
    .map((parsed) => parsed.text);
}

/** The highest of the given versions (pre-releases included), or undefined if none parse. */
export function latestVersionString(versions: Iterable<string>): string | undefined {
  let best: { text: string; version: Version } | undefined;
  for (const text of versions) {
    const version = tryParseVersion(text);
    if (version && (!best || compareVersions(version, best.version) > 0)) best = { text, version };
  }
  return best?.text;
}
