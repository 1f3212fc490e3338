import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DigestMismatchError, DownloadError } from '../../../../layers/core/download/download-error';
import { DEFAULT_DOWNLOAD_OPTIONS } from '../../../../layers/core/download/download-options';
import { HttpDownloader } from '../../../../layers/core/download/http-downloader';
import { DigestVerifier } from '../../../../layers/core/download/digest-verifier';
import { pipeline, type Readable } from 'node:stream';
import { createHash } from 'node:crypto';

const text = async (body: Readable): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString();
};

describe('HttpDownloader against a local server', () => {
  let server: Server;
  let base = '';
  const calls = new Map<string, number>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = req.url ?? '/';
      const n = (calls.get(path) ?? 0) + 1;
      calls.set(path, n);
      if (path === '/flaky' && n < 3) return void res.writeHead(503).end();
      if (path === '/flaky') return void res.end('finally');
      if (path === '/gone') return void res.writeHead(404).end();
      if (path === '/redirect') return void res.writeHead(302, { location: '/target' }).end();
      if (path === '/cross') return void res.writeHead(302, { location: `${base.replace('127.0.0.1', 'localhost')}/target` }).end();
      if (path === '/target') return void res.end(`auth=${req.headers.authorization ?? ''} h=${req.headers['x-h'] ?? ''}`);
      if (path === '/slow') return void setTimeout(() => res.end('late'), 2_000);
      res.end('hello');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const make = (over: Partial<typeof DEFAULT_DOWNLOAD_OPTIONS> = {}) =>
    new HttpDownloader({ ...DEFAULT_DOWNLOAD_OPTIONS, ...over }, 2);

  it('retries 5xx with backoff until it succeeds', async () => {
    // Prepare
    const d = make({ maxRetries: 3 });
    // Act
    const body = await d.fetch(`${base}/flaky`, (b) => text(b));
    d.close();
    // Assess
    expect(body).toBe('finally');
    expect(calls.get('/flaky')).toBe(3);
  });

  it('does not retry a 404 and names the URL and status', async () => {
    // Prepare
    const d = make({ maxRetries: 3 });
    // Act
    const error = await d.fetch(`${base}/gone`, (b) => text(b)).catch((e: unknown) => e);
    d.close();
    // Assess
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as Error).message).toBe(`Download of ${base}/gone failed: HTTP 404 Not Found`);
    expect(calls.get('/gone')).toBe(1);
  });

  it('follows redirects with headers and basic auth on the same origin', async () => {
    // Prepare
    const d = make({ username: 'u', password: 'p', headers: { 'x-h': 'v' } });
    // Act
    const body = await d.fetch(`${base}/redirect`, (b) => text(b));
    d.close();
    // Assess
    expect(body).toBe(`auth=Basic ${Buffer.from('u:p').toString('base64')} h=v`);
  });

  it('drops credentials, including an Authorization from the remote headers, on a redirect to another origin', async () => {
    // Prepare
    const d = make({ username: 'u', password: 'p', headers: { Authorization: 'Bearer t0ken', 'x-h': 'v' } });
    // Act
    const body = await d.fetch(`${base}/cross`, (b) => text(b));
    d.close();
    // Assess
    expect(body).toBe('auth= h=v');
  });

  it('gives up after total_timeout', async () => {
    // Prepare
    const d = make({ totalTimeoutMs: 200, maxRetries: 0 });
    // Act
    const error = await d.fetch(`${base}/slow`, (b) => text(b)).catch((e: unknown) => e);
    d.close();
    // Assess
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as Error).message).toContain('timed out');
  });

  it('reports an unreachable host with its URL', async () => {
    // Prepare
    const d = make({ maxRetries: 1 });
    // Act
    const error = await d.fetch('http://127.0.0.1:1/x', (b) => text(b)).catch((e: unknown) => e);
    d.close();
    // Assess
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as Error).message).toContain('http://127.0.0.1:1/x');
  });

  it.each([
    ['a wrong digest', { sha256: '0'.repeat(64), size: 5 }, /sha256 of f .* is [0-9a-f]{64}, expected 0{64}/],
    ['a wrong size', { sha256: undefined, size: 3 }, /size of f/],
  ])('fails the stream on %s, without retrying', async (_what, expected, message) => {
    // Prepare
    const d = make({ maxRetries: 3 });
    calls.delete('/plain');
    // Act
    const error = await d
      .fetch(`${base}/plain`, (b) => text(pipeline(b, new DigestVerifier({ ...expected, url: `${base}/plain`, name: 'f' }), () => undefined)))
      .catch((e: unknown) => e);
    d.close();
    // Assess
    expect(error).toBeInstanceOf(DigestMismatchError);
    expect((error as Error).message).toMatch(message);
    expect(calls.get('/plain')).toBe(1);
  });

  it('passes matching bytes through the verifier', async () => {
    // Prepare
    const d = make();
    const sha = createHash('sha256').update('hello').digest('hex');
    // Act
    const body = await d.fetch(`${base}/plain`, (b) => text(pipeline(b, new DigestVerifier({ sha256: sha, size: 5, url: 'u', name: 'f' }), () => undefined)));
    d.close();
    // Assess
    expect(body).toBe('hello');
  });
});
