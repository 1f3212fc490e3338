import type { Principal } from '../core/access/principal';
import type { ObjectScope, RouteAccess } from '../core/access/route-access';
import type { Field, ObjectSchema } from './schema/fields';

/** HTTP methods the API serves. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type BodyContentType =
  | 'application/json'
  | 'application/x-www-form-urlencoded'
  | 'multipart/form-data';

/** A declared query parameter: pulp-glue refuses to send undeclared ones. */
export interface QueryParam {
  name: string;
  field: Field;
  description?: string;
  /** Arrays: false → comma-joined in the spec; the server accepts both forms anyway. */
  explode?: boolean;
}

export interface HeaderParam {
  name: string;
  field: Field;
  required?: boolean;
  description?: string;
}

/**
 * A response: `schema` is an object schema, `{ paginated: schema }` for a list page,
 * `'task'` for 202 `{task}`, `'html'` for a text/html page, or undefined for an empty body.
 */
export interface ResponseSpec {
  description: string;
  schema?: ObjectSchema | { paginated: ObjectSchema } | 'task' | 'html';
}

export interface UploadedFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface ApiRequest {
  method: HttpMethod;
  /** The request path, e.g. /pulp/api/v3/repositories/file/file/<uuid>/sync/ */
  path: string;
  /** Values of the `{placeholders}` in the route path. */
  params: Record<string, string>;
  /** Declared query parameters, parsed and typed (arrays as string[], ints as number). */
  query: Record<string, unknown>;
  /** The query string as sent, for pagination links. */
  rawQuery: string;
  /** The validated body (JSON, urlencoded or multipart fields). */
  body: Record<string, unknown>;
  files: Record<string, UploadedFile>;
  /** Lower-case header names. */
  headers: Record<string, string>;
  correlationId: string;
  username?: string;
  /** The authenticated user (absent on public routes). */
  principal?: Principal;
  /** What a scoped list may show this user (absent: everything). */
  scope?: ObjectScope;
}

export interface ApiResponse {
  status: number;
  /** JSON-serialised unless a string or a Buffer sent with its own Content-Type. */
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * One row of the route table. The router and the OpenAPI document are both produced from it.
 * `path` is concrete with `{placeholders}`; `hrefParameter` says which prefix of it the OpenAPI
 * document shows as one whole-href parameter, Pulp style: `{file_file_repository_href}sync/`.
 */
export interface Route<Ctx = unknown> {
  method: HttpMethod;
  path: string;
  operationId: string;
  summary: string;
  tags: string[];
  hrefParameter?: { name: string; prefix: string };
  query?: QueryParam[];
  headers?: HeaderParam[];
  body?: {
    schema: ObjectSchema;
    contentTypes: BodyContentType[];
    /** PATCH: every field optional. */
    partial?: boolean;
    /**
     * Fields the schema does not declare are passed on as sent (strings, or lists of them for
     * repeated form keys) instead of being refused: forms written for other servers (twine's
     * upload) carry many fields a route reads or ignores itself.
     */
    keepUndeclared?: boolean;
  };
  responses: Record<number, ResponseSpec>;
  /** Public routes skip authentication; the document marks their auth optional. */
  public?: boolean;
  /** Not part of the API and left out of the OpenAPI document (the docs page and its assets). */
  undocumented?: boolean;
  /** Which viewset's access policy governs the route, as which action (checked before the handler). */
  access?: RouteAccess;
  handler: (req: ApiRequest, ctx: Ctx) => Promise<ApiResponse>;
}

/** A list endpoint: its 200 is a page of objects (and undeclared query parameters are refused). */
export function isListRoute(route: Pick<Route<never>, 'method' | 'responses'>): boolean {
  const schema = route.responses[200]?.schema;
  return route.method === 'GET' && typeof schema === 'object' && 'paginated' in schema;
}
