// PEP 508 dependency specifiers: `name[extra1,extra2] (>=1,<2) ; python_version < "3.11"`,
// `name>=1.0`, `name @ https://…`, or a bare `name`.

import { PythonClientError, isPythonClientError } from '../client-error';
import { normalizeName } from '../names/project-name';
import { formatMarker, parseMarker, type Marker } from './marker';
import { parseSpecifier } from './specifier';
import { formatSpecifierSet, type SpecifierSet } from './specifier-set';

export interface Requirement {
  /** The name as written. */
  readonly name: string;
  /** PEP 503 normalized name. */
  readonly normalizedName: string;
  readonly extras: readonly string[];
  /** Empty for a bare name or a URL requirement. */
  readonly specifier: SpecifierSet;
  readonly url: string | null;
  readonly marker: Marker | null;
}

const NAME = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*/;
const EXTRA = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;

/** Longest requirement parsed: a bound on work for hostile input (real ones are far shorter). */
export const MAX_REQUIREMENT_LENGTH = 4096;

function invalid(text: string, reason: string): PythonClientError {
  return new PythonClientError('invalid-requirement', `Invalid requirement: '${text}': ${reason}`);
}

/** Parses a requirement; throws a `PythonClientError` ('invalid-requirement') saying why. */
export function parseRequirement(text: string): Requirement {
  if (text.length > MAX_REQUIREMENT_LENGTH) throw invalid(`${text.slice(0, 64)}…`, 'too long');
  const head = NAME.exec(text);
  if (!head) throw invalid(text, 'expected a package name at the start');
  const name = head[1]!;
  let rest = text.slice(head[0].length);

  let extras: string[] = [];
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) throw invalid(text, "expected ']' after the extras");
    extras = parseExtras(text, rest.slice(1, close));
    rest = rest.slice(close + 1).trimStart();
  }

  let url: string | null = null;
  let specifierText = '';
  let markerText: string | null = null;
  if (rest.startsWith('@')) {
    const match = /^@\s*(\S+)(?:\s+(.*))?$/s.exec(rest);
    if (!match) throw invalid(text, "expected a URL after '@'");
    url = match[1]!;
    const after = (match[2] ?? '').trim();
    if (after !== '') {
      if (!after.startsWith(';')) throw invalid(text, 'expected a semicolon after the URL and whitespace');
      markerText = after.slice(1);
    }
  } else {
    const semicolon = rest.indexOf(';');
    specifierText = (semicolon < 0 ? rest : rest.slice(0, semicolon)).trim();
    if (semicolon >= 0) markerText = rest.slice(semicolon + 1);
    if (specifierText.startsWith('(')) {
      if (!specifierText.endsWith(')')) throw invalid(text, "expected ')' after the version specifier");
      specifierText = specifierText.slice(1, -1).trim();
    }
  }

  return {
    name,
    normalizedName: normalizeName(name),
    extras,
    specifier: parseStrictSpecifiers(text, specifierText),
    url,
    marker: markerText === null ? null : parseRequirementMarker(text, markerText),
  };
}

function parseExtras(text: string, inside: string): string[] {
  if (inside.trim() === '') return [];
  const extras = inside.split(',').map((extra) => extra.trim());
  if (!extras.every((extra) => EXTRA.test(extra))) throw invalid(text, 'invalid extras');
  return extras;
}

// Within a requirement the list must be well formed: no empty items (one trailing comma after
// a specifier is tolerated, as packaging does).
function parseStrictSpecifiers(text: string, list: string): SpecifierSet {
  if (list === '') return { specifiers: [] };
  const items = list.split(',').map((item) => item.trim());
  if (items.length > 1 && items[items.length - 1] === '') items.pop();
  if (items.some((item) => item === '')) throw invalid(text, 'empty item in the version specifier');
  try {
    return { specifiers: items.map(parseSpecifier) };
  } catch (error) {
    if (isPythonClientError(error)) throw invalid(text, error.message);
    throw error;
  }
}

function parseRequirementMarker(text: string, markerText: string): Marker {
  if (markerText.trim() === '') throw invalid(text, 'expected a marker after the semicolon');
  try {
    return parseMarker(markerText);
  } catch (error) {
    if (isPythonClientError(error)) throw invalid(text, error.message);
    throw error;
  }
}

/** The normalized text (packaging's `str(Requirement)`): `name[a,b]>=1,<2; python_version < "3"`. */
export function formatRequirement(requirement: Requirement): string {
  let text = requirement.name;
  if (requirement.extras.length) text += `[${[...requirement.extras].sort().join(',')}]`;
  text += formatSpecifierSet(requirement.specifier);
  if (requirement.url) text += ` @ ${requirement.url}`;
  if (requirement.marker) text += `${requirement.url ? ' ' : ''}; ${formatMarker(requirement.marker)}`;
  return text;
}
