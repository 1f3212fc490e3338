import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface UpstreamFile {
  path: string;
  data: Buffer;
}

/**
 * A local file server standing in for a remote Pulp/PULP_MANIFEST source: files in memory,
 * a generated manifest (or a hand-written one), request counting, and switches for failures.
 */
export class Upstream {
  readonly files = new Map<string, Buffer>();
  /** Replaces the generated manifest when set. */
  manifestOverride: string | undefined;
  /** Paths answered with other bytes than the manifest says. */
  readonly corrupt = new Set<string>();
  /** Requests seen per decoded path. */
  readonly hits = new Map<string, number>();
  /** Require these basic credentials when set. */
  credentials: { username: string; password: string } | undefined;
  /** Each file (not manifest) response waits this long: a slow upstream. */
  delayMs = 0;
  /** While set, file (not manifest) responses wait for it: holds a sync in its download phase. */
  hold: Promise<void> | undefined;
  /** File requests being answered now, and the most there ever were at once. */
  inFlight = 0;
  maxInFlight = 0;
  /** When each file (not manifest) request arrived, in ms. */
  readonly fileRequestTimes: number[] = [];
  /** TCP connections accepted (a fetcher job keeps one open for its files). */
  connections = 0;
  /** Headers of the last request. */
  lastHeaders: IncomingMessage['headers'] = {};
  private server: Server | undefined;
  url = '';

  add(path: string, data: Buffer = randomBytes(64 + Math.floor(Math.random() * 2048))): UpstreamFile {
    this.files.set(path, data);
    return { path, data };
  }

  manifest(): string {
    if (this.manifestOverride !== undefined) return this.manifestOverride;
    return `${[...this.files].map(([p, d]) => `${p},${sha256(d)},${d.length}`).join('\n')}\n`;
  }

  get manifestUrl(): string {
    return `${this.url}/repo/PULP_MANIFEST`;
  }

  filesHit(): number {
    return [...this.hits].filter(([p]) => p !== 'PULP_MANIFEST').reduce((n, [, c]) => n + c, 0);
  }

  /** Listens on 127.0.0.1:`port` (a free one by default). */
  async start(port = 0): Promise<this> {
    this.server = createServer(async (req, res) => {
      this.lastHeaders = req.headers;
      if (!(req.url ?? '').endsWith('/PULP_MANIFEST')) {
        this.fileRequestTimes.push(Date.now());
        this.inFlight++;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
        // 'close' comes once the response is done, whichever way it ended.
        res.on('close', () => void this.inFlight--);
        if (this.hold) await this.hold;
        if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
      }
      if (this.credentials) {
        const expected = `Basic ${Buffer.from(`${this.credentials.username}:${this.credentials.password}`).toString('base64')}`;
        if (req.headers.authorization !== expected) {
          res.writeHead(401).end();
          return;
        }
      }
      const raw = (req.url ?? '/').split('?')[0]!;
      if (!raw.startsWith('/repo/')) {
        res.writeHead(404).end();
        return;
      }
      const path = raw.slice('/repo/'.length).split('/').map(decodeURIComponent).join('/');
      this.hits.set(path, (this.hits.get(path) ?? 0) + 1);
      if (path === 'PULP_MANIFEST') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end(this.manifest());
        return;
      }
      const data = this.files.get(path);
      if (!data) {
        res.writeHead(404).end();
        return;
      }
      const body = this.corrupt.has(path) ? Buffer.from(data).fill(0x41) : data;
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length }).end(body);
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.on('connection', () => this.connections++);
      this.server!.listen(port, '127.0.0.1', resolve);
    });
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** A tree of `count` random files: some nested, one with a comma and one with a space in its name. */
export function generateTree(upstream: Upstream, count: number, prefix = ''): void {
  upstream.add(`${prefix}with,comma.txt`);
  upstream.add(`${prefix}with space.bin`);
  for (let i = 2; i < count; i++) {
    const folder = i % 3 === 0 ? `dir${i % 5}/` : i % 7 === 0 ? `dir${i % 5}/sub${i % 2}/` : '';
    upstream.add(`${prefix}${folder}file-${i}.bin`);
  }
}

/** The most of `times` (ms) that fall in any window of `windowMs`. */
export function busiestWindow(times: readonly number[], windowMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}
