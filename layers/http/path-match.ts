import { canonicalUuid } from '../core/ids';

/** A compiled route path: literal segments and `{placeholders}`. */
export interface PathTemplate {
  path: string;
  segments: Array<{ literal: string } | { param: string }>;
}

export type PathMatch =
  | { kind: 'match'; params: Record<string, string> }
  | { kind: 'no-match' }
  /** The shape matched but a `{id}` segment is not a UUID: Pulp answers 404 for it. */
  | { kind: 'not-found' };

const PLACEHOLDER = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

/**
 * A path ending in a file name (`/docs/api.json`) has no trailing slash; this sentinel segment
 * marks that, so `/docs/api.json/` and `/docs/api.json` never match each other's templates.
 */
const FILE_END = '\u0000';
const FILE_NAME = /\/[^/{}]+\.[a-z]+$/;

export function compilePath(path: string): PathTemplate {
  const isFile = FILE_NAME.test(path);
  if (!path.startsWith('/') || (!path.endsWith('/') && !isFile))
    throw new Error(`Route path must start and end with "/" or name a file: ${path}`);
  const segments = (isFile ? `${path}/${FILE_END}/` : path)
    .slice(1, -1)
    .split('/')
    .map((s) => {
      const m = PLACEHOLDER.exec(s);
      return m ? { param: m[1] as string } : { literal: s };
    });
  return { path, segments };
}

/**
 * Orders templates so that literal segments win over placeholders at the first difference
 * (`/tasks/purge/` before `/tasks/{id}/`).
 */
export function compareSpecificity(a: PathTemplate, b: PathTemplate): number {
  const n = Math.min(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i += 1) {
    const la = 'literal' in (a.segments[i] as object);
    const lb = 'literal' in (b.segments[i] as object);
    if (la !== lb) return la ? -1 : 1;
  }
  return 0;
}

/** Splits a request path into decoded segments; undefined unless it ends with "/" or names a file (no redirects). */
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
  if (template.segments.length !== segments.length) return { kind: 'no-match' };
  const params: Record<string, string> = {};
  let badUuid = false;
  for (let i = 0; i < segments.length; i += 1) {
    const want = template.segments[i] as PathTemplate['segments'][number];
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
