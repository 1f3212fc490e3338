import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { swaggerUiDir } from '../../../layers/api/docs/assets/swagger-ui-assets';
import { startTestStack, type TestStack } from '../../support/test-stack';

const DOCS = '/pulp/api/v3/docs/';

describe('the docs page and its assets', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack('docs-routes', { workers: 1 });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const cases: Array<[string, string, RegExp]> = [
    ['the page', DOCS, /^text\/html/],
    ['the starter script', `${DOCS}assets/init.js`, /^text\/javascript/],
    ['the Swagger UI bundle', `${DOCS}assets/swagger-ui-bundle.js`, /^text\/javascript/],
    ['the Swagger UI styles', `${DOCS}assets/swagger-ui.css`, /^text\/css/],
    ['the document', `${DOCS}api.json`, /^application\/json$/],
  ];
  it.each(cases)('serves %s without credentials', async (_label, path, type) => {
    // Prepare
    const url = new URL(path, stack.url);

    // Act
    const res = await fetch(url);
    await res.arrayBuffer();

    // Assess
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(type);
  });

  it('serves the npm package bytes, gzipped for clients that accept it', async () => {
    // Prepare
    const expected = readFileSync(`${swaggerUiDir()}/swagger-ui-bundle.js`);
    const url = new URL(`${DOCS}assets/swagger-ui-bundle.js`, stack.url);

    // Act: node's http keeps the encoded bytes, so we see what went over the wire
    const { request } = await import('node:http');
    const raw = await new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
      const req = request(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });

    // Assess
    expect(raw.encoding).toBe('gzip');
    expect(raw.body.length).toBeLessThan(expected.length);
    expect(gunzipSync(raw.body).equals(expected)).toBe(true);
  });

  it('links only to its own assets and the document (no CDN)', async () => {
    // Prepare
    const url = new URL(DOCS, stack.url);

    // Act
    const html = await (await fetch(url)).text();

    // Assess
    const links = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(links.sort()).toEqual(['assets/init.js', 'assets/swagger-ui-bundle.js', 'assets/swagger-ui.css']);
    const init = await (await fetch(new URL(`${DOCS}assets/init.js`, stack.url))).text();
    expect(init).toContain("url: 'api.json'");
  });

  it('answers 404 for an asset it does not serve, and keeps the page out of the API document', async () => {
    // Prepare
    const unknown = new URL(`${DOCS}assets/index.html`, stack.url);

    // Act
    const res = await fetch(unknown);
    const doc = (await (await fetch(new URL(`${DOCS}api.json`, stack.url))).json()) as { paths: Record<string, unknown> };

    // Assess
    expect(res.status).toBe(404);
    expect(Object.keys(doc.paths).filter((p) => p.startsWith(DOCS) && p !== `${DOCS}api.json`)).toEqual([]);
  });
});
