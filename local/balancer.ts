import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BalancerOptions {
  host: string;
  port: number;
  /** The API processes, e.g. http://127.0.0.1:PORT; tried in turn. */
  backends: string[];
  log: (msg: string) => void;
}

export interface Balancer {
  url: string;
  /** Stops accepting; resolves once every forwarded request is answered. */
  close(): Promise<void>;
  closeAll(): void;
}

/** API Gateway's payload limit; bodies are held whole so a refused connection can be retried. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** A backend that refused a connection is skipped this long (it is being restarted). */
const DOWN_FOR_MS = 500;
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
/** Idle connections to a backend are dropped before the backend would (node's 5 s keep-alive). */
const IDLE_SOCKET_MS = 2_000;
/** How long a request waits for some backend to accept it. */
const WAIT_FOR_BACKEND_MS = 10_000;

/**
 * One loopback port in front of several API processes, as API Gateway is in front of many
 * Lambda environments: requests go round-robin. A backend that refuses the connection never
 * saw the request, so the request goes to the next one; a request a backend received and
 * then lost (the process died) is answered 502 and not retried, since it may have had an
 * effect: whether to retry is the client's call.
 */
export async function startBalancer(opts: BalancerOptions): Promise<Balancer> {
  const backends = opts.backends.map((url) => ({ url: new URL(url), downUntil: 0 }));
  const agent = new Agent({ keepAlive: true, maxSockets: 64, timeout: IDLE_SOCKET_MS });
  let next = 0;

  const server = createServer((req, res) => {
    void forward(req, res).catch((error: unknown) => {
      opts.log(`balancer: ${req.method} ${req.url}: ${String(error)}`);
      if (!res.headersSent) send(res, 502, { message: 'Bad Gateway' });
      else res.destroy();
    });
  });

  async function forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    if (body === 'too-large') return send(res, 413, { message: 'Request Entity Too Large' });
    const deadline = Date.now() + WAIT_FOR_BACKEND_MS;
    for (let attempt = 0; Date.now() < deadline; attempt++) {
      // Every backend refused: all are restarting; wait for one rather than fail at once.
      if (attempt >= backends.length * 2) await new Promise((r) => setTimeout(r, 100));
      const now = Date.now();
      const candidates = backends.filter((b) => b.downUntil <= now);
      const backend = (candidates.length ? candidates : backends)[next++ % (candidates.length || backends.length)]!;
      const outcome = await tryBackend(backend.url, req, body, res);
      if (outcome === 'done') return;
      // Refused: nothing reached it, so any request may go elsewhere. A reset keep-alive
      // socket is ambiguous (closed while idle, or the backend died reading the request), so
      // only a request that is safe to repeat is sent again, as a client would.
      if (outcome === 'refused') backend.downUntil = Date.now() + DOWN_FOR_MS;
      else if (!IDEMPOTENT.has(req.method ?? '')) return send(res, 502, { message: 'Bad Gateway' });
    }
    send(res, 503, { message: 'Service Unavailable' });
  }

  function tryBackend(target: URL, req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<'done' | 'refused' | 'stale'> {
    return new Promise((resolve, reject) => {
      const upstream = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
          answer.pipe(res);
          answer.on('end', () => resolve('done'));
          answer.on('error', reject);
          res.on('close', () => resolve('done'));
        },
      );
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        if (res.headersSent) return reject(error);
        if (error.code === 'ECONNREFUSED') return resolve('refused');
        if (upstream.reusedSocket && error.code === 'ECONNRESET') return resolve('stale');
        reject(error);
      });
      upstream.end(body);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${opts.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        const sweep = setInterval(() => server.closeIdleConnections(), 100);
        server.close(() => {
          clearInterval(sweep);
          agent.destroy();
          resolve();
        });
        server.closeIdleConnections();
      }),
    closeAll: () => server.closeAllConnections(),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  const body = Buffer.from(JSON.stringify(payload));
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': body.length });
  res.end(res.req?.method === 'HEAD' ? undefined : body);
}
