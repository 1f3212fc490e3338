import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { toApiGatewayEvent, writeLambdaResult } from './http-event';
import { createLambdaContext } from './lambda-context';

export type HttpLambdaHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyResultV2<unknown>>;

export interface LambdaRoute {
  /** Path prefix, e.g. '/pulp/api/v3/'; the longest matching prefix wins. */
  prefix: string;
  handler: HttpLambdaHandler;
  /** Name reported in the Lambda context; defaults to one derived from the prefix. */
  functionName?: string;
  /** false for Function-URL-fronted handlers (content), which see the path still encoded. */
  decodePath?: boolean;
}

export interface LambdaHttpServerOptions {
  host: string;
  /** 0 picks a free port; the chosen one is in the returned url. */
  port: number;
  routes: LambdaRoute[];
  /** Lambda timeout given to each invocation's context; also when the gateway gives up. */
  timeoutMs?: number;
  log?: (msg: string) => void;
}

export interface LambdaHttpServer {
  url: string;
  /** Stops accepting, closes idle connections, and resolves once in-flight requests are answered. */
  close(): Promise<void>;
  /** Drops every connection, answered or not (when a graceful close took too long). */
  closeAll(): void;
}

// API Gateway's limits and canned answers, so clients see the same failures locally.
const MAX_BODY_BYTES = 10 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 30_000;
const NOT_FOUND = { detail: 'Not found.' };
const TOO_LARGE = { message: 'Request Entity Too Large' };
const INTERNAL_ERROR = { message: 'Internal Server Error' };
const TIMED_OUT = { message: 'Service Unavailable' };

/**
 * Serves Lambda handlers over plain HTTP the way API Gateway (HTTP API, payload 2.0) and
 * Function URLs would: each request becomes an event, the handler runs in-process, and its
 * result is written back.
 */
export async function startLambdaHttpServer(opts: LambdaHttpServerOptions): Promise<LambdaHttpServer> {
  const log = opts.log ?? (() => {});
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Longest prefix first, so '/pulp/api/v3/' beats '/pulp/'.
  const routes = [...opts.routes].sort((a, b) => b.prefix.length - a.prefix.length);

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`local http: unexpected failure for ${req.method} ${req.url}: ${describe(error)}`);
      if (!res.headersSent) sendJson(res, 500, INTERNAL_ERROR);
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const path = url.split('?', 1)[0] ?? '/';
    const route = routes.find((candidate) => path.startsWith(candidate.prefix));
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === 'too-large') return sendJson(res, 413, TOO_LARGE);
    if (!route) return sendJson(res, 404, NOT_FOUND);

    const event = toApiGatewayEvent(
      {
        method: req.method ?? 'GET',
        url,
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body,
        remoteAddress: req.socket.remoteAddress ?? '127.0.0.1',
        httpVersion: req.httpVersion,
      },
      route.decodePath === false ? { decodePath: false } : {},
    );
    const context = createLambdaContext({
      functionName: route.functionName ?? functionNameFor(route.prefix),
      timeoutMs,
      requestId: event.requestContext.requestId,
    });

    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    try {
      // The gateway stops waiting at the timeout; the handler itself cannot be killed here.
      const outcome = await Promise.race([route.handler(event, context), timedOut]);
      if (outcome === 'timeout') {
        log(`local http: ${req.method} ${url} timed out after ${timeoutMs} ms`);
        return sendJson(res, 503, TIMED_OUT);
      }
      writeLambdaResult(res, outcome);
    } catch (error) {
      log(`local http: handler for ${req.method} ${url} threw: ${describe(error)}`);
      sendJson(res, 500, INTERNAL_ERROR);
    } finally {
      clearTimeout(timer);
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = opts.host.includes(':') ? `[${opts.host}]` : opts.host;

  return {
    url: `http://${hostForUrl}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // close() stops accepting and waits for in-flight requests; keep-alive sockets
        // would otherwise hold it open until their timeout, so each is closed once idle.
        const sweep = setInterval(() => server.closeIdleConnections(), 100);
        server.close((error) => {
          clearInterval(sweep);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      }),
    closeAll: () => server.closeAllConnections(),
  };
}

/** Reads the whole body, or drains and reports an oversized one (answering mid-upload
 * would make many clients see a reset instead of the 413). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    let tooLarge = declared > limit;
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  const body = Buffer.from(JSON.stringify(payload));
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': body.length });
  res.end(res.req?.method === 'HEAD' ? undefined : body);
}

function functionNameFor(prefix: string): string {
  const name = prefix.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `local-${name || 'root'}`;
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
