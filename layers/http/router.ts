import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { isListRoute, type ApiRequest, type ApiResponse, type HttpMethod, type Route } from './route';
import { objectCreated, withPrincipal, type Principal, type PrincipalScope } from '../core/access/principal';
import { BackendUnavailable } from '../core/backend-unavailable';
import { withCorrelationId } from '../core/tasks/correlation-scope';
import { withTimeBudget } from '../core/time-budget';
import { UniqueConflict } from '../core/unique-conflict';
import { parseBody } from './body';
import { CORRELATION_HEADER, correlationIdFor } from './correlation';
import {
  type HttpError,
  internalServerError,
  isHttpError,
  methodNotAllowed,
  notFound,
  serviceUnavailable,
  unauthorized,
  unsupportedMediaType,
  validationError,
} from './errors';
import { compareSpecificity, compilePath, matchPath, splitRequestPath, type PathTemplate } from './path-match';
import { invalidFilters, parseQuery } from './query';
import { validateBody } from './schema/validate';

export interface RouterOptions<Ctx> {
  /**
   * Returns the principal for a valid Authorization header, undefined otherwise; may throw an
   * HttpError (429 when the client is throttled).
   */
  authenticate: (authorizationHeader: string | undefined, ctx: Ctx, client: { sourceIp: string }) => Promise<Principal | undefined>;
  /**
   * Evaluates the route's access declaration before the handler: throws 403 (or 404 for an
   * object the user may not see) and sets `req.scope` for scoped lists.
   */
  authorize?: (route: Route<Ctx>, req: ApiRequest, ctx: Ctx) => Promise<void>;
  /** The scope handlers (and the tasks they dispatch) run in for a principal: who acts, and their creation hooks. */
  principalScope?: (principal: Principal, ctx: Ctx) => PrincipalScope;
  /** Receives unexpected errors (500s); the client only sees a generic detail. */
  onError?: (error: unknown, info: { correlationId: string; method: string; path: string }) => void;
  /**
   * A success status the route does not declare: pulp-glue rejects it ("Unexpected response"),
   * so it is a bug in the route table. The response still goes out; this only reports it.
   */
  onUndeclaredStatus?: (info: { operationId: string; status: number; declared: number[] }) => void;
  /** A backend did not answer (503 sent); the client is told to retry. */
  onUnavailable?: (error: BackendUnavailable, info: { correlationId: string; method: string; path: string }) => void;
  /**
   * How long a request may spend on backends: past it, its next database call fails and the
   * client gets 503, well before API Gateway's 29 s and a client's 30 s timeout.
   */
  timeBudgetMs?: number;
}

/** API Gateway gives up at 29 s; a request that cannot finish in about half of that is told to retry. */
const DEFAULT_TIME_BUDGET_MS = 15_000;
const RETRY_AFTER_SECONDS = 5;

export type Handle<Ctx> = (
  event: APIGatewayProxyEventV2,
  ctx: Ctx,
) => Promise<APIGatewayProxyStructuredResultV2>;

const METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

interface CompiledRoute<Ctx> {
  route: Route<Ctx>;
  template: PathTemplate;
}

function lowerCaseHeaders(headers: APIGatewayProxyEventV2['headers'] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (v !== undefined) out[k.toLowerCase()] = v;
  return out;
}

/** Finds the route, or throws 404 / 405 (never a redirect: pulp-glue refuses any 3xx). */
function resolve<Ctx>(
  routes: CompiledRoute<Ctx>[],
  method: string,
  path: string,
): { route: Route<Ctx>; params: Record<string, string> } {
  const segments = splitRequestPath(path);
  if (segments === undefined) throw notFound();
  const allowed: string[] = [];
  for (const { route, template } of routes) {
    const m = matchPath(template, segments);
    if (m.kind === 'no-match') continue;
    if (m.kind === 'not-found') throw notFound();
    if (route.method === method) return { route, params: m.params };
    if (!allowed.includes(route.method)) allowed.push(route.method);
  }
  if (allowed.length) throw methodNotAllowed(method, allowed);
  throw notFound();
}

async function authenticate<Ctx>(
  route: Route<Ctx>,
  headers: Record<string, string>,
  ctx: Ctx,
  opts: RouterOptions<Ctx>,
  sourceIp: string,
): Promise<Principal | undefined> {
  if (route.public) return undefined;
  const header = headers['authorization'];
  if (!header) throw unauthorized('missing');
  const principal = await opts.authenticate(header, ctx, { sourceIp });
  if (principal === undefined) throw unauthorized('invalid');
  return principal;
}

/** A 201 of a `create` route made an object: its viewset's creation hooks run (the creator becomes owner). */
async function afterCreate<Ctx>(route: Route<Ctx>, response: ApiResponse): Promise<void> {
  const body = response.body as Record<string, unknown> | undefined;
  if (response.status === 201 && route.access?.action === 'create' && typeof body?.prn === 'string') await objectCreated(body.prn);
}

function readBody<Ctx>(route: Route<Ctx>, event: APIGatewayProxyEventV2, headers: Record<string, string>) {
  if (!route.body) return { body: {}, files: {} };
  const parsed = parseBody({
    body: event.body ?? null,
    isBase64Encoded: event.isBase64Encoded,
    contentType: headers['content-type'],
  });
  // JSON is always understood; form encodings only where the route declares them.
  if (
    parsed.mediaType !== undefined &&
    parsed.mediaType !== 'application/json' &&
    !route.body.contentTypes.includes(parsed.mediaType)
  ) {
    throw unsupportedMediaType(headers['content-type'] ?? '');
  }
  const sent: Record<string, unknown> = { ...parsed.fields, ...parsed.files };
  const undeclared = route.body.keepUndeclared
    ? Object.fromEntries(Object.entries(sent).filter(([name]) => !(name in route.body!.schema.fields)))
    : {};
  for (const name of Object.keys(undeclared)) delete sent[name];
  const result = validateBody(
    route.body.schema,
    sent,
    {
      partial: route.body.partial ?? route.method === 'PATCH',
      source: parsed.mediaType === undefined || parsed.mediaType === 'application/json' ? 'json' : 'form',
    },
  );
  if (!result.ok) throw validationError(result.errors);
  return { body: { ...undeclared, ...result.value }, files: parsed.files };
}

function serialise(response: ApiResponse, correlationId: string): APIGatewayProxyStructuredResultV2 {
  const headers: Record<string, string> = { ...(response.headers ?? {}) };
  headers[CORRELATION_HEADER] = correlationId;
  if (response.status === 204 || response.body === undefined) {
    return { statusCode: response.status, headers };
  }
  const hasType = Object.keys(headers).some((k) => k.toLowerCase() === 'content-type');
  if (typeof response.body === 'string' && hasType) {
    return { statusCode: response.status, headers, body: response.body };
  }
  if (Buffer.isBuffer(response.body) && hasType) {
    // Bytes (gzip, images) travel base64-encoded through API Gateway.
    return { statusCode: response.status, headers, body: response.body.toString('base64'), isBase64Encoded: true };
  }
  // Exactly application/json: pulp-glue looks the header up verbatim in the response spec.
  headers['Content-Type'] = 'application/json';
  return { statusCode: response.status, headers, body: JSON.stringify(response.body) };
}

function errorResponse(error: HttpError): ApiResponse {
  return { status: error.status, body: error.body, headers: error.headers };
}

/** Builds the API Gateway v2 handler of a route table. */
export function createRouter<Ctx>(routes: Route<Ctx>[], opts: RouterOptions<Ctx>): { handle: Handle<Ctx> } {
  const compiled = routes
    .map((route) => ({ route, template: compilePath(route.path) }))
    .sort((a, b) => compareSpecificity(a.template, b.template));

  const answer: Handle<Ctx> = async (event, ctx) => {
    const headers = lowerCaseHeaders(event.headers);
    const correlationId = correlationIdFor(headers);
    const sent = event.requestContext?.http?.method?.toUpperCase() ?? 'GET';
    // HEAD is a GET whose body the gateway drops (Django answers HEAD on every GET view).
    const method = sent === 'HEAD' ? 'GET' : sent;
    const path = event.rawPath;
    let response: ApiResponse;
    try {
      if (!METHODS.has(method)) throw methodNotAllowed(method);
      const { route, params } = resolve(compiled, method, path);
      const principal = await authenticate(route, headers, ctx, opts, event.requestContext?.http?.sourceIp ?? '');
      const query = parseQuery(event.rawQueryString ?? '', route.query ?? []);
      const invalid = isListRoute(route) ? invalidFilters(event.rawQueryString ?? '', route.query ?? []) : {};
      if (!query.ok || Object.keys(invalid).length) throw validationError({ ...(query.ok ? {} : query.errors), ...invalid });
      const { body, files } = readBody(route, event, headers);
      const req: ApiRequest = {
        method: method as HttpMethod,
        path,
        params,
        query: query.value,
        rawQuery: event.rawQueryString ?? '',
        body,
        files,
        headers,
        correlationId,
      };
      if (principal !== undefined) {
        req.username = principal.username;
        req.principal = principal;
      }
      await opts.authorize?.(route, req, ctx);
      const scope = principal && opts.principalScope ? opts.principalScope(principal, ctx) : undefined;
      response = await withPrincipal(scope, () =>
        withCorrelationId(correlationId, async () => {
          const answer = await route.handler(req, ctx);
          await afterCreate(route, answer);
          return answer;
        }),
      );
      if (response.status < 300 && route.responses[response.status] === undefined) {
        const declared = Object.keys(route.responses).map(Number);
        opts.onUndeclaredStatus?.({ operationId: route.operationId, status: response.status, declared });
      }
    } catch (error) {
      if (isHttpError(error)) {
        response = errorResponse(error);
      } else if (error instanceof BackendUnavailable) {
        opts.onUnavailable?.(error, { correlationId, method, path });
        response = errorResponse(serviceUnavailable(RETRY_AFTER_SECONDS));
      } else if (error instanceof UniqueConflict) {
        // A concurrent request took the value between our check and our write.
        response = errorResponse(validationError({ [error.field]: ['This field must be unique.'] }));
      } else {
        opts.onError?.(error, { correlationId, method, path });
        response = errorResponse(internalServerError());
      }
    }
    return serialise(response, correlationId);
  };
  // One time budget for the whole request: authentication and the handler share it.
  const handle: Handle<Ctx> = (event, ctx) => withTimeBudget(opts.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS, () => answer(event, ctx));
  return { handle };
}
