import { request as httpRequest } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLambdaHttpServer, type LambdaHttpServer } from '../../../local/lambda-http-server';

// Echo handlers: they answer with the event they were given, so the test sees the mapping.
const echo = (name: string) => async (event: APIGatewayProxyEventV2) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json', 'x-handler': name },
  cookies: ['session=abc; Path=/; HttpOnly', 'theme=dark'],
  body: JSON.stringify(event),
});

describe('startLambdaHttpServer', () => {
  let server: LambdaHttpServer;
  const logged: string[] = [];

  beforeAll(async () => {
    server = await startLambdaHttpServer({
      host: '127.0.0.1',
      port: 0,
      log: (msg) => logged.push(msg),
      routes: [
        { prefix: '/pulp/api/v3/', handler: echo('api') },
        { prefix: '/pulp/content/', handler: echo('content'), decodePath: false },
        {
          prefix: '/pulp/api/v3/boom/',
          handler: async () => {
            throw new Error('kaboom');
          },
        },
        {
          prefix: '/artifacts/',
          handler: async () => ({
            statusCode: 200,
            headers: { 'content-type': 'application/octet-stream' },
            body: Buffer.from([0, 1, 2, 255]).toString('base64'),
            isBase64Encoded: true,
          }),
        },
        { prefix: '/plain/', handler: async () => ({ state: 'ok' }) },
        { prefix: '/cased/', handler: async () => ({ statusCode: 204, headers: { 'Correlation-ID': 'x' } }) },
      ],
    });
  });

  afterAll(async () => {
    await server.close();
  });

  it.each([
    { path: '/pulp/api/v3/status/', handler: 'api' },
    { path: '/pulp/content/a%20b/c.txt', handler: 'content' },
  ])('routes $path to the $handler handler by prefix', async ({ path, handler }) => {
    // Prepare
    const url = `${server.url}${path}`;

    // Act
    const response = await fetch(url);
    const event = (await response.json()) as APIGatewayProxyEventV2;

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('x-handler')).toBe(handler);
    expect(event.requestContext.http.method).toBe('GET');
  });

  it('keeps the content path encoded (Function URL) and decodes the API path (HTTP API)', async () => {
    // Prepare
    const paths = ['/pulp/content/a%20b/c.txt', '/pulp/api/v3/a%20b/'];

    // Act
    const events = await Promise.all(
      paths.map(async (path) => (await (await fetch(`${server.url}${path}`)).json()) as APIGatewayProxyEventV2),
    );

    // Assess
    expect(events.map((event) => event.rawPath)).toEqual(['/pulp/content/a%20b/c.txt', '/pulp/api/v3/a b/']);
  });

  it('passes a binary body as base64', async () => {
    // Prepare
    const body = new Uint8Array([0, 1, 2, 255]);

    // Act
    const response = await fetch(`${server.url}/pulp/api/v3/uploads/`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body,
    });
    const event = (await response.json()) as APIGatewayProxyEventV2;

    // Assess
    expect(event.isBase64Encoded).toBe(true);
    expect(event.body).toBe('AAEC/w==');
    expect(event.requestContext.http.method).toBe('PUT');
  });

  it('joins repeated query keys and keeps the raw query string', async () => {
    // Prepare
    const query = 'pulp_href__in=a&pulp_href__in=b&name=my+repo&q=%C3%A9';

    // Act
    const response = await fetch(`${server.url}/pulp/api/v3/repositories/?${query}`);
    const event = (await response.json()) as APIGatewayProxyEventV2;

    // Assess
    expect(event.rawQueryString).toBe(query);
    expect(event.queryStringParameters).toEqual({ pulp_href__in: 'a,b', name: 'my repo', q: 'é' });
  });

  it('turns request cookies into cookies[] and response cookies into separate Set-Cookie headers', async () => {
    // Prepare
    const headers = { cookie: 'csrftoken=t1; sessionid=s2' };

    // Act
    const response = await fetch(`${server.url}/pulp/api/v3/status/`, { headers });
    const event = (await response.json()) as APIGatewayProxyEventV2;

    // Assess
    expect(event.cookies).toEqual(['csrftoken=t1', 'sessionid=s2']);
    expect(event.headers.cookie).toBeUndefined();
    expect(response.headers.getSetCookie()).toEqual(['session=abc; Path=/; HttpOnly', 'theme=dark']);
  });

  it.each([
    {
      name: 'base64 result is sent as bytes',
      path: '/artifacts/aa/bb',
      status: 200,
      type: 'application/octet-stream',
      body: Buffer.from([0, 1, 2, 255]),
    },
    {
      name: 'a result without statusCode is 200 JSON',
      path: '/plain/x',
      status: 200,
      type: 'application/json',
      body: Buffer.from('{"state":"ok"}'),
    },
    {
      name: 'unrouted path is a 404',
      path: '/nowhere',
      status: 404,
      type: 'application/json',
      body: Buffer.from('{"detail":"Not found."}'),
    },
    {
      name: 'a handler throw is a 500 like API Gateway (longest prefix wins)',
      path: '/pulp/api/v3/boom/now/',
      status: 500,
      type: 'application/json',
      body: Buffer.from('{"message":"Internal Server Error"}'),
    },
  ])('$name', async ({ path, status, type, body }) => {
    // Prepare
    const url = `${server.url}${path}`;

    // Act
    const response = await fetch(url);
    const bytes = Buffer.from(await response.arrayBuffer());

    // Assess
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe(type);
    expect(bytes.equals(body)).toBe(true);
  });

  it('logs what a throwing handler threw', async () => {
    // Prepare
    logged.length = 0;

    // Act
    await (await fetch(`${server.url}/pulp/api/v3/boom/`)).arrayBuffer();

    // Assess
    expect(logged.join('\n')).toContain('kaboom');
  });

  it('answers 413 to a body over 10 MB without calling the handler', async () => {
    // Prepare
    const body = new Uint8Array(10 * 1024 * 1024 + 1);

    // Act
    const response = await fetch(`${server.url}/pulp/api/v3/uploads/`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body,
    });

    // Assess
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ message: 'Request Entity Too Large' });
  });

  it('accepts a body of exactly 10 MB', async () => {
    // Prepare
    const body = new Uint8Array(10 * 1024 * 1024);

    // Act
    const response = await fetch(`${server.url}/pulp/api/v3/uploads/`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body,
    });
    const event = (await response.json()) as APIGatewayProxyEventV2;

    // Assess
    expect(response.status).toBe(200);
    expect(Buffer.from(event.body ?? '', 'base64').length).toBe(body.length);
  });

  it('spells response header names as the handler did', async () => {
    // Prepare
    const url = new URL('/cased/', server.url);

    // Act: raw header lines, since fetch() folds names to lower case
    const rawNames = await new Promise<string[]>((resolve, reject) => {
      const req = httpRequest(url, (res) => {
        res.resume();
        resolve(res.rawHeaders.filter((_, i) => i % 2 === 0));
      });
      req.on('error', reject);
      req.end();
    });

    // Assess
    expect(rawNames).toContain('Correlation-ID');
    expect(rawNames).not.toContain('correlation-id');
  });

  it('answers HEAD with headers only', async () => {
    // Prepare
    const url = new URL(`${server.url}/artifacts/aa/bb`);

    // Act: node:http, because fetch hides whether bytes followed a HEAD answer
    const { status, headers, received } = await new Promise<{ status: number; headers: Record<string, unknown>; received: number }>(
      (resolve, reject) => {
        const req = httpRequest(url, { method: 'HEAD' }, (res) => {
          let received = 0;
          res.on('data', (chunk: Buffer) => (received += chunk.length));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, received }));
        });
        req.on('error', reject);
        req.end();
      },
    );

    // Assess
    expect(status).toBe(200);
    expect(headers['content-type']).toBe('application/octet-stream');
    expect(headers['content-length']).toBe('4');
    expect(received).toBe(0);
  });
});

describe('LambdaHttpServer.close', () => {
  it('closes while a keep-alive connection sits idle', async () => {
    // Prepare: fetch keeps its connection open after the response
    const server = await startLambdaHttpServer({
      host: '127.0.0.1',
      port: 0,
      routes: [{ prefix: '/', handler: async () => ({ statusCode: 204 }) }],
    });
    const response = await fetch(`${server.url}/x`);
    await response.arrayBuffer();

    // Act: would hang until the keep-alive timeout (and time the test out) otherwise
    await server.close();

    // Assess
    await expect(fetch(`${server.url}/x`)).rejects.toThrow();
    // Bound below node's 5 s keep-alive timeout, so waiting for idle sockets fails the test.
  }, 3_000);
});
