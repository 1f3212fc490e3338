import { canonicalUuid } from '../core/ids';

/**
 * A compiled route path: literal segments, `{placeholders}` (one segment each) and at most one
 * `{name+}`, which takes one or more whole segments (a base path such as `team/index`).
 */
export interface PathTemplate {
  path: string;
  segments: Array<{ literal: string } | { param: string } | { rest: string }>;
}

export type PathMatch =
  | { kind: 'match'; params: Record<string, string> }
  | { kind: 'no-match' }
  /** The shape matched but a `{id}` segment is not a UUID: Pulp answers 404 for it. */
  | { kind: 'not-found' };

const PLACEHOLDER = /^\{([A-Za-z_][A-Za-z0-9_]*)(\+?)\}$/;

/**
 * A path ending in a name (`/docs/api.json`, PyPI's `/pypi/<name>/json`) has no trailing slash;
 * this sentinel segment marks that, so `/docs/api.json/` and `/docs/api.json` never match each
 * other's templates (and API paths without their slash still match nothing: no redirects).
 */
const FILE_END = '\u0000';
const FILE_NAME = /\/[^/{}]+$/;

export function compilePath(path: string): PathTemplate {
  const isFile = FILE_NAME.test(path);
  if (!path.startsWith('/') || (!path.endsWith('/') && !isFile))
    throw new Error(`Route path must start and end with "/" or end in a name: ${path}`);
  const segments = (isFile ? `${path}/${FILE_END}/` : path)
    .slice(1, -1)
    .split('/')
    .map((s) => {
      const m = PLACEHOLDER.exec(s);
      if (!m) return { literal: s };
      return m[2] ? { rest: m[1] as string } : { param: m[1] as string };
    });
  if (segments.filter((s) => 'rest' in s).length > 1) throw new Error(`Route path may hold one {name+} placeholder: ${path}`);
  return { path, segments };
}

const restIndex = (t: PathTemplate): number => t.segments.findIndex((s) => 'rest' in s);

/** A segment's rank when ordering templates: literal, then placeholder, then `{name+}`. */
const rank = (segment: PathTemplate['segments'][number]): number => ('literal' in segment ? 0 : 'param' in segment ? 1 : 2);

/**
 * Orders templates so that, at the first segment where their kinds differ, a literal wins over
 * a placeholder and a placeholder over a `{name+}` (`/tasks/purge/` before `/tasks/{id}/`);
 * of two templates that agree as far as the shorter goes, the longer comes first (its fixed
 * tail after a `{name+}` is the more specific). Literal texts are not compared: templates
 * that differ only there never match the same path. A total order, so any sort keeps it.
 */
export function compareSpecificity(a: PathTemplate, b: PathTemplate): number {
  const n = Math.min(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i += 1) {
    const order = rank(a.segments[i]!) - rank(b.segments[i]!);
    if (order) return order;
  }
  return b.segments.length - a.segments.length;
}

/** Splits a request path into decoded segments, a path without its trailing slash ending in the name marker. */
export function splitRequestPath(path: string): string[] | undefined {
  if (path === '/') return [];
  const isFile = FILE_NAME.test(path);
  if (!path.startsWith('/') || (!path.endsWith('/') && !isFile)) return undefined;
  const raw = (isFile ? `${path}/${FILE_END}/` : path).slice(1, -1).split('/');
  try {
    return raw.map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

/** Matches decoded segments: `{id}` is a UUID (lower-cased), `{number}` digits, others any segment. */
export function matchPath(template: PathTemplate, segments: string[]): PathMatch {
  const rest = restIndex(template);
  if (rest >= 0) return matchRest(template, rest, segments);
  if (template.segments.length !== segments.length) return { kind: 'no-match' };
  return matchFixed(template.segments, segments, {});
}

/** `{name+}` takes the segments the fixed parts before and after it leave (at least one). */
function matchRest(template: PathTemplate, rest: number, segments: string[]): PathMatch {
  const after = template.segments.length - rest - 1;
  const taken = segments.length - rest - after;
  if (taken < 1) return { kind: 'no-match' };
  const middle = segments.slice(rest, rest + taken);
  // Never a name's end marker, nor empty or control-character segments.
  if (middle.some((s) => s === '' || s.includes(FILE_END))) return { kind: 'no-match' };
  const name = (template.segments[rest] as { rest: string }).rest;
  const fixed = [...template.segments.slice(0, rest), ...template.segments.slice(rest + 1)];
  return matchFixed(fixed, [...segments.slice(0, rest), ...segments.slice(rest + taken)], { [name]: middle.join('/') });
}

function matchFixed(template: PathTemplate['segments'], segments: string[], params: Record<string, string>): PathMatch {
  let badUuid = false;
  for (let i = 0; i < segments.length; i += 1) {
    const want = template[i] as { literal: string } | { param: string };
    const got = segments[i] as string;
    if (got === '') return { kind: 'no-match' };
    if ('literal' in want) {
      if (want.literal !== got) return { kind: 'no-match' };
    } else if (want.param === 'id') {
      const id = canonicalUuid(got);
      if (id === undefined) badUuid = true;
      else params[want.param] = id;
    } else if (want.param === 'number') {
      if (!/^\d+$/.test(got)) return { kind: 'no-match' };
      params[want.param] = got;
    } else {
      params[want.param] = got;
    }
  }
  return badUuid ? { kind: 'not-found' } : { kind: 'match', params };
}
