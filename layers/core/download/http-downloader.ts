import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { DigestMismatchError, DownloadError, redactUrl } from './download-error';
import type { DownloadOptions } from './download-options';
import { currentTaskSignal } from '../tasks/task-scope';
import { RateLimiter } from './rate-limiter';
import { abortableSleep, withRetries } from './retry';

export interface DownloadInfo {
  status: number;
  /** The URL the body finally came from, after redirects. */
  url: string;
  contentLength?: number;
  contentType?: string;
}

const MAX_REDIRECTS = 10;
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'ERR_STREAM_PREMATURE_CLOSE',
  'UND_ERR_SOCKET',
]);

function isRetryable(err: unknown): boolean {
  if (err instanceof DownloadError) return err.retryable;
  if (err instanceof DigestMismatchError) return false;
  return NETWORK_CODES.has((err as { code?: string }).code ?? '');
}

/** Names the URL in network errors raised while a consumer read the body. */
function explain(url: string, err: unknown): unknown {
  if (err instanceof DownloadError || err instanceof DigestMismatchError) return err;
  const code = (err as { code?: string }).code;
  if (code && NETWORK_CODES.has(code)) return new DownloadError(url, (err as Error).message || code, true);
  return err;
}

/**
 * Downloads over HTTP(S) with a remote's settings: headers, basic auth, TLS options,
 * timeouts, retries with backoff (at most MAX_RETRIES_CEILING), rate limit, redirects. Bodies
 * are handed to a consumer as a stream, never buffered here. One instance per remote and sync:
 * it pools connections. Inside a task every fetch also stops when the task's signal aborts
 * (a cancel, the invocation's deadline), whatever the remote's own timeouts are.
 */
export class HttpDownloader {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  private readonly limiter: RateLimiter;

  constructor(
    private readonly options: DownloadOptions,
    concurrency = 10,
  ) {
    this.httpAgent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
    this.httpsAgent = new https.Agent({
      keepAlive: true,
      maxSockets: concurrency,
      rejectUnauthorized: options.tlsValidation,
      ca: options.caCert ?? undefined,
      cert: options.clientCert ?? undefined,
      key: options.clientKey ?? undefined,
    });
    this.limiter = new RateLimiter(options.rateLimit);
  }

  /** Fetches `url` and runs `consume` on its body; the whole attempt is retried on network trouble. */
  async fetch<T>(url: string, consume: (body: Readable, info: DownloadInfo) => Promise<T>, signal = currentTaskSignal()): Promise<T> {
    if (this.options.proxyUrl) {
      throw new DownloadError(url, `proxy_url (${redactUrl(this.options.proxyUrl)}) is not supported by this server yet`, false);
    }
    return withRetries(
      this.options.maxRetries,
      () => this.attempt(url, consume, signal),
      isRetryable,
      (ms) => abortableSleep(ms, signal),
      signal,
    );
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private async attempt<T>(url: string, consume: (body: Readable, info: DownloadInfo) => Promise<T>, outer?: AbortSignal): Promise<T> {
    await this.limiter.take();
    let response: IncomingMessage | undefined;
    const abort = new AbortController();
    const stop = (error: unknown) => {
      abort.abort(error);
      response?.destroy(error instanceof Error ? error : undefined);
    };
    const timer = setTimeout(
      () => stop(new DownloadError(url, `timed out after ${this.options.totalTimeoutMs / 1000} s (total_timeout)`, true)),
      this.options.totalTimeoutMs,
    );
    // The task's cancel or deadline ends the attempt whatever stage it is at.
    const onOuterAbort = () => stop(outer!.reason);
    if (outer?.aborted) onOuterAbort();
    else outer?.addEventListener('abort', onOuterAbort, { once: true });
    try {
      const opened = await this.open(url, abort.signal, (res) => (response = res));
      return await consume(opened.res, opened.info);
    } catch (err) {
      // A half-read body is not worth draining: drop the connection.
      response?.destroy();
      throw abort.signal.aborted && !(abort.signal.reason instanceof DownloadError) ? abort.signal.reason : explain(url, err);
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    }
  }

  private async open(
    url: string,
    signal: AbortSignal,
    track: (res: IncomingMessage) => void,
  ): Promise<{ res: IncomingMessage; info: DownloadInfo }> {
    const origin = new URL(url).origin;
    let current = url;
    for (let hops = 0; ; hops++) {
      const res = await this.request(current, new URL(current).origin === origin, signal);
      track(res);
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if ([301, 302, 303, 307, 308].includes(status) && location) {
        res.resume();
        if (hops >= MAX_REDIRECTS) throw new DownloadError(url, `more than ${MAX_REDIRECTS} redirects`, false);
        current = new URL(location, current).toString();
        continue;
      }
      if (status < 200 || status >= 300) {
        res.resume();
        throw new DownloadError(current, `HTTP ${status} ${res.statusMessage ?? ''}`.trim(), status === 429 || status >= 500, status);
      }
      const length = res.headers['content-length'];
      return {
        res,
        info: {
          status,
          url: current,
          contentLength: length !== undefined ? Number(length) : undefined,
          contentType: res.headers['content-type'],
        },
      };
    }
  }

  private request(url: string, sameOrigin: boolean, signal: AbortSignal): Promise<IncomingMessage> {
    const target = new URL(url);
    const isHttps = target.protocol === 'https:';
    if (!isHttps && target.protocol !== 'http:') {
      return Promise.reject(new DownloadError(url, `unsupported URL scheme ${target.protocol}`, false));
    }
    const headers: Record<string, string> = { 'user-agent': 'serverless-pulp', ...this.options.headers };
    // Credentials go to the remote's own origin only, not to wherever it redirects: a token
    // set as an Authorization header is dropped like basic auth (aiohttp does the same).
    if (!sameOrigin) for (const name of Object.keys(headers)) if (name.toLowerCase() === 'authorization') delete headers[name];
    if (sameOrigin && this.options.username) {
      const token = Buffer.from(`${this.options.username}:${this.options.password ?? ''}`).toString('base64');
      headers.authorization = `Basic ${token}`;
    }
    return new Promise((resolve, reject) => {
      const req = (isHttps ? https : http).request(target, {
        method: 'GET',
        headers,
        agent: isHttps ? this.httpsAgent : this.httpAgent,
        signal,
      });
      let connectTimer: NodeJS.Timeout | undefined;
      req.on('socket', (socket) => {
        if (!socket.connecting) return;
        connectTimer = setTimeout(() => {
          req.destroy(new DownloadError(url, `could not connect within ${this.options.connectTimeoutMs / 1000} s`, true));
        }, this.options.connectTimeoutMs);
        socket.once('connect', () => clearTimeout(connectTimer));
      });
      req.setTimeout(this.options.sockReadTimeoutMs, () => {
        req.destroy(new DownloadError(url, `no data for ${this.options.sockReadTimeoutMs / 1000} s (sock_read_timeout)`, true));
      });
      req.on('response', (res) => {
        clearTimeout(connectTimer);
        resolve(res);
      });
      req.on('error', (err) => {
        clearTimeout(connectTimer);
        if (signal.aborted && signal.reason instanceof Error) return reject(signal.reason);
        reject(err instanceof DownloadError ? err : new DownloadError(url, err.message || String((err as { code?: string }).code), isRetryable(err)));
      });
      req.end();
    });
  }
}
