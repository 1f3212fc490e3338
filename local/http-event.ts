import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';

/** What the local server knows about one request, independent of node:http objects. */
export interface LocalHttpRequest {
  method: string;
  /** The request target as received: path plus optional `?query`, still percent-encoded. */
  url: string;
  headers: IncomingHttpHeaders;
  /**
   * node's `req.rawHeaders`, when available: node already merges duplicates in `headers`,
   * but with ', ' (and drops some repeats), while API Gateway joins every repeat with ','.
   */
  rawHeaders?: string[];
  body: Buffer;
  remoteAddress: string;
  /** HTTP version, e.g. '1.1'. */
  httpVersion?: string;
  /** When the request arrived (epoch ms); defaults to now. */
  timeEpoch?: number;
}

export interface EventOptions {
  /**
   * API Gateway HTTP APIs deliver rawPath percent-decoded; Lambda Function URLs (our content
   * Lambda behind CloudFront) keep it encoded. Default: decoded, as the HTTP API does.
   */
  decodePath?: boolean;
}

/** The parts of an HTTP response a Lambda result maps to; bodies are bytes. */
export interface HttpResponseParts {
  statusCode: number;
  headers: Record<string, string>;
  cookies: string[];
  body: Buffer;
}

// Content types API Gateway passes as text; everything else (or no type) arrives base64.
const TEXT_TYPES = [
  /^text\//,
  /^application\/json\b/,
  /^application\/[\w.+-]+\+json\b/,
  /^application\/x-www-form-urlencoded\b/,
  /^application\/xml\b/,
  /^application\/[\w.+-]+\+xml\b/,
  /^application\/javascript\b/,
];

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Turns one HTTP request into the payload-format-2.0 event API Gateway would send. */
export function toApiGatewayEvent(req: LocalHttpRequest, options: EventOptions = {}): APIGatewayProxyEventV2 {
  const queryAt = req.url.indexOf('?');
  const encodedPath = queryAt === -1 ? req.url : req.url.slice(0, queryAt);
  const rawQueryString = queryAt === -1 ? '' : req.url.slice(queryAt + 1);
  const path = options.decodePath === false ? encodedPath : safeDecode(encodedPath);

  const { headers, cookies } = collectHeaders(req);
  const host = headers.host ?? 'localhost';
  const domainName = host.replace(/:\d+$/, '');
  const sourceIp = req.remoteAddress.replace(/^::ffff:/, '');
  // API Gateway adds these; handlers build absolute URLs (pagination links) from them.
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${sourceIp}` : sourceIp;
  headers['x-forwarded-proto'] ??= 'http';
  const port = /:(\d+)$/.exec(host)?.[1];
  if (port) headers['x-forwarded-port'] ??= port;

  const timeEpoch = req.timeEpoch ?? Date.now();
  const query = parseQuery(rawQueryString);
  const contentType = headers['content-type']?.toLowerCase() ?? '';
  const isText = TEXT_TYPES.some((pattern) => pattern.test(contentType));
  const hasBody = req.body.length > 0;

  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString,
    headers,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName,
      domainPrefix: domainName.split('.')[0] ?? domainName,
      http: {
        method: req.method.toUpperCase(),
        path,
        protocol: `HTTP/${req.httpVersion ?? '1.1'}`,
        sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      // Real ids look like 'JKJaXmPLvHcESHA='; only uniqueness matters to handlers.
      requestId: randomBytes(10).toString('base64'),
      routeKey: '$default',
      stage: '$default',
      time: formatRequestTime(timeEpoch),
      timeEpoch,
    },
    isBase64Encoded: hasBody && !isText,
  };
  if (cookies.length > 0) event.cookies = cookies;
  if (query) event.queryStringParameters = query;
  if (hasBody) event.body = isText ? req.body.toString('utf8') : req.body.toString('base64');
  return event;
}

/** Lower-cased headers with repeats comma-joined; the cookie header becomes `cookies[]`. */
function collectHeaders(req: LocalHttpRequest): { headers: Record<string, string>; cookies: string[] } {
  const pairs: Array<[string, string]> = [];
  if (req.rawHeaders) {
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
      pairs.push([req.rawHeaders[i]!.toLowerCase(), req.rawHeaders[i + 1]!]);
    }
  } else {
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) pairs.push([name.toLowerCase(), one]);
    }
  }
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of pairs) {
    if (name === 'cookie') {
      cookies.push(...value.split(';').map((part) => part.trim()).filter((part) => part.length > 0));
      continue;
    }
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  return { headers, cookies };
}

/**
 * Decoded query parameters, repeats comma-joined; undefined when there are none, as in the
 * real event. '+' means space (form encoding), which is what requests/pulp-cli send.
 */
function parseQuery(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === '') return undefined;
  const result: Record<string, string> = {};
  for (const part of rawQueryString.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const key = decodeQueryComponent(equals === -1 ? part : part.slice(0, equals));
    const value = decodeQueryComponent(equals === -1 ? '' : part.slice(equals + 1));
    result[key] = key in result ? `${result[key]},${value}` : value;
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

function decodeQueryComponent(text: string): string {
  return safeDecode(text.replace(/\+/g, ' '));
}

/** decodeURIComponent that leaves malformed escapes as they are instead of throwing. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/(%[0-9a-fA-F]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/** API Gateway's `requestContext.time` format: 12/Mar/2020:19:03:58 +0000. */
function formatRequestTime(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`
  );
}

/**
 * Interprets a handler's return value as API Gateway v2 does: a structured result (one with
 * statusCode) is used as is; anything else is a 200 application/json whose body is the
 * value (strings verbatim, other values as JSON).
 */
export function toHttpResponseParts(result: APIGatewayProxyResultV2<unknown>): HttpResponseParts {
  if (!isStructured(result)) {
    const body = typeof result === 'string' ? result : (JSON.stringify(result) ?? '');
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      cookies: [],
      body: Buffer.from(body, 'utf8'),
    };
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = String(value);
  const text = result.body ?? '';
  return {
    statusCode: result.statusCode,
    headers,
    cookies: [...(result.cookies ?? [])],
    body: result.isBase64Encoded ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8'),
  };
}

function isStructured(result: unknown): result is { statusCode: number } & Exclude<APIGatewayProxyResultV2, string> {
  return typeof result === 'object' && result !== null && typeof (result as { statusCode?: unknown }).statusCode === 'number';
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'trailer']);

/** Writes a handler's result to the client; HEAD requests get the headers only. */
export function writeLambdaResult(res: ServerResponse, result: APIGatewayProxyResultV2<unknown>): void {
  const parts = toHttpResponseParts(result);
  const isHead = res.req?.method?.toUpperCase() === 'HEAD';
  // Names go out spelled as the handler wrote them: `pulp -vv` shows `Correlation-ID`, and
  // pulp-cli's test_status.sh greps for exactly that.
  const spelled = new Map<string, string>();
  if (isStructured(result)) for (const name of Object.keys(result.headers ?? {})) spelled.set(name.toLowerCase(), name);
  for (const [name, value] of Object.entries(parts.headers)) {
    // Hop-by-hop headers belong to this connection, not to the handler.
    if (name === 'set-cookie' || HOP_BY_HOP.has(name)) continue;
    res.setHeader(spelled.get(name) ?? name, value);
  }
  // Each cookie becomes its own Set-Cookie line, as API Gateway does.
  const setCookies = [...(parts.headers['set-cookie'] ? [parts.headers['set-cookie']] : []), ...parts.cookies];
  if (setCookies.length > 0) res.setHeader('set-cookie', setCookies);
  // The gateway sends the real length; a HEAD answer may announce the length of the GET body.
  if (!isHead || !res.hasHeader('content-length')) res.setHeader('content-length', parts.body.length);
  res.statusCode = parts.statusCode;
  if (isHead) res.end();
  else res.end(parts.body);
}
