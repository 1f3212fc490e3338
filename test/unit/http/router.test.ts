import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { currentCorrelationId } from '../../../layers/core/tasks/correlation-scope';
import { HttpError, conflict } from '../../../layers/http/errors';
import type { ApiRequest, Route } from '../../../layers/http/route';
import { createRouter } from '../../../layers/http/router';
import { f, schema } from '../../../layers/http/schema/fields';

const REPO = '/pulp/api/v3/repositories/file/file/';
const ID = '0b5c0c3e-7a57-4a0e-9a4c-2f1d6a0e9b11';
const repository = schema('file.FileRepository', {
  pulp_href: f.href({ readOnly: true }),
  name: f.string({ required: true }),
  retain_repo_versions: f.integer({ nullable: true }),
  file: f.file(),
});

interface Ctx {
  seen: ApiRequest[];
}

const echo = async (req: ApiRequest, ctx: Ctx) => {
  ctx.seen.push(req);
  return { status: 200, body: { params: req.params, query: req.query, body: req.body, user: req.username ?? null } };
};

const routes: Route<Ctx>[] = [
  { method: 'GET', path: '/pulp/api/v3/status/', operationId: 'status_read', summary: 's', tags: [], responses: {}, public: true, handler: echo },
  { method: 'GET', path: REPO, operationId: 'list', summary: 's', tags: [], responses: {}, query: [{ name: 'limit', field: f.integer() }], handler: echo },
  { method: 'POST', path: REPO, operationId: 'create', summary: 's', tags: [], responses: {}, body: { schema: repository, contentTypes: ['application/json'] }, handler: echo },
  { method: 'GET', path: `${REPO}{id}/`, operationId: 'read', summary: 's', tags: [], responses: {}, handler: echo },
  { method: 'PATCH', path: `${REPO}{id}/`, operationId: 'update', summary: 's', tags: [], responses: {}, body: { schema: repository, contentTypes: ['application/json', 'application/x-www-form-urlencoded'] }, handler: echo },
  { method: 'DELETE', path: `${REPO}{id}/`, operationId: 'delete', summary: 's', tags: [], responses: {}, handler: async () => ({ status: 204 }) },
  { method: 'GET', path: `${REPO}{id}/versions/{number}/`, operationId: 'version', summary: 's', tags: [], responses: {}, handler: echo },
  { method: 'GET', path: `${REPO}stats/`, operationId: 'stats', summary: 's', tags: [], responses: {}, handler: async () => ({ status: 200, body: { literal: true } }) },
  { method: 'POST', path: '/pulp/api/v3/content/file/files/', operationId: 'content', summary: 's', tags: [], responses: {}, body: { schema: repository, contentTypes: ['multipart/form-data'] }, handler: echo },
  { method: 'GET', path: '/boom/', operationId: 'boom', summary: 's', tags: [], responses: {}, public: true, handler: async () => { throw new Error('secret stack'); } },
  { method: 'GET', path: '/cid/', operationId: 'cid', summary: 's', tags: [], responses: {}, public: true, handler: async () => ({ status: 200, body: { scoped: currentCorrelationId() ?? null } }) },
  { method: 'POST', path: '/forms/', operationId: 'form', summary: 's', tags: [], responses: {}, body: { schema: schema('Form', { name: f.string() }), contentTypes: ['multipart/form-data'], keepUndeclared: true }, handler: echo },
  { method: 'GET', path: '/idx/{path+}/simple/', operationId: 'idx', summary: 's', tags: [], responses: {}, public: true, handler: echo },
  { method: 'GET', path: '/busy/', operationId: 'busy', summary: 's', tags: [], responses: {}, public: true, handler: async () => { throw conflict('Busy.'); } },
  {
    method: 'GET',
    path: '/pulp/api/v3/things/',
    operationId: 'things_list',
    summary: 's',
    tags: [],
    query: [{ name: 'limit', field: f.integer() }, { name: 'name', field: f.string() }],
    responses: { 200: { description: 'A page.', schema: { paginated: repository } } },
    handler: echo,
  },
];
const THINGS = '/pulp/api/v3/things/';

const ADMIN = { userId: '00000000-0000-0000-0000-000000000001', pk: 1, username: 'admin', isSuperuser: true, isStaff: true };
const GOOD = `Basic ${Buffer.from('admin:password').toString('base64')}`;
const WRONG_PASSWORD = `Basic ${Buffer.from('admin:nope').toString('base64')}`;
const UNKNOWN_USER = `Basic ${Buffer.from('ghost:password').toString('base64')}`;

function event(method: string, path: string, opts: { query?: string; headers?: Record<string, string>; body?: string } = {}): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: opts.query ?? '',
    headers: { authorization: GOOD, ...(opts.headers ?? {}) },
    requestContext: { http: { method, path } },
    body: opts.body,
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}

function setup() {
  const onError = vi.fn();
  const router = createRouter<Ctx>(routes, {
    authenticate: async (header) => (header === GOOD ? ADMIN : undefined),
    onError,
  });
  const ctx: Ctx = { seen: [] };
  return { router, ctx, onError };
}

const json = (body: string | undefined) => JSON.parse(body ?? 'null');

describe('router', () => {
  const statusCases: Array<[string, APIGatewayProxyEventV2, number, unknown]> = [
    ['a bad uuid', event('GET', `${REPO}not-a-uuid/`), 404, { detail: 'Not found.' }],
    ['a missing trailing slash', event('GET', `${REPO}${ID}`), 404, { detail: 'Not found.' }],
    ['a missing trailing slash on a list', event('GET', REPO.slice(0, -1)), 404, { detail: 'Not found.' }],
    ['an unknown path', event('GET', '/pulp/api/v3/nothing/'), 404, { detail: 'Not found.' }],
    ['a non-digit version number', event('GET', `${REPO}${ID}/versions/x/`), 404, { detail: 'Not found.' }],
    ['a wrong method', event('PUT', `${REPO}${ID}/`), 405, { detail: 'Method "PUT" not allowed.' }],
    ['HEAD as the GET of the same path', event('HEAD', '/busy/'), 409, { detail: 'Busy.' }],
    ['HEAD where there is no GET', event('HEAD', '/pulp/api/v3/content/file/files/'), 405, { detail: 'Method "GET" not allowed.' }],
    ['missing credentials', event('GET', REPO, { headers: { authorization: '' } }), 401, { detail: 'Authentication credentials were not provided.' }],
    ['a wrong password', event('GET', REPO, { headers: { authorization: WRONG_PASSWORD } }), 401, { detail: 'Invalid username/password.' }],
    ['an unknown user', event('GET', REPO, { headers: { authorization: UNKNOWN_USER } }), 401, { detail: 'Invalid username/password.' }],
    ['an unknown field', event('POST', REPO, { headers: { 'content-type': 'application/json' }, body: '{"name":"r","bogus":1}' }), 400, { bogus: 'Unexpected field' }],
    ['a missing required field', event('POST', REPO, { headers: { 'content-type': 'application/json' }, body: '{}' }), 400, { name: ['This field is required.'] }],
    ['an empty body with required fields', event('POST', REPO), 400, { name: ['This field is required.'] }],
    ['a bad query integer', event('GET', REPO, { query: 'limit=x' }), 400, { limit: ['A valid integer is required.'] }],
    ['an undeclared form encoding', event('POST', REPO, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=r' }), 415, { detail: 'Unsupported media type "application/x-www-form-urlencoded" in request.' }],
    ['an unknown media type', event('POST', REPO, { headers: { 'content-type': 'text/plain' }, body: 'name' }), 415, { detail: 'Unsupported media type "text/plain" in request.' }],
    ['a thrown HttpError', event('GET', '/busy/'), 409, { detail: 'Busy.' }],
    ['an unexpected error', event('GET', '/boom/'), 500, { detail: 'Internal server error.' }],
    ['an undeclared filter on a list', event('GET', THINGS, { query: 'bogus=1' }), 400, { errors: ["Invalid Filter: 'bogus'"] }],
    [
      'undeclared filters beside a bad value',
      event('GET', THINGS, { query: 'limit=x&nmae=a&bogus=&nmae=b' }),
      400,
      { limit: ['A valid integer is required.'], errors: ["Invalid Filter: 'nmae'", "Invalid Filter: 'bogus'"] },
    ],
    ['a NUL in a filter name', event('GET', THINGS, { query: 'a%00=1' }), 400, { errors: ["Invalid Filter: 'a\u0000'"] }],
    ['a Basic username with a NUL', event('GET', REPO, { headers: { authorization: `Basic ${Buffer.from('ad\u0000min:password').toString('base64')}` } }), 401, { detail: 'Invalid username/password.' }],
  ];
  it.each(statusCases)('answers %s', async (_label, ev, status, body) => {
    // Prepare
    const { router, ctx } = setup();

    // Act
    const res = await router.handle(ev, ctx);

    // Assess
    expect(res.statusCode).toBe(status);
    expect(json(res.body)).toEqual(body);
    expect(res.headers?.['Content-Type']).toBe('application/json');
    expect(ctx.seen).toHaveLength(0);
  });

  it("accepts on a list what pulp-glue sends: declared filters and pulpcore's default parameters", async () => {
    // Prepare
    const { router, ctx } = setup();
    const query = 'limit=1&offset=0&name=n&fields=a,b&exclude_fields=c&ordering=-name&minimal=true&page_size=5&format=json';

    // Act
    const res = await router.handle(event('GET', THINGS, { query }), ctx);

    // Assess
    expect(res.statusCode).toBe(200);
    expect(json(res.body).query).toEqual({ limit: 1, name: 'n' });
  });

  it('never redirects', async () => {
    // Prepare
    const { router, ctx } = setup();
    const paths = [REPO.slice(0, -1), `${REPO}${ID}`, `${REPO}${ID.toUpperCase()}`, '/pulp/api/v3', '/'];

    // Act
    const codes = await Promise.all(paths.map(async (p) => (await router.handle(event('GET', p), ctx)).statusCode));

    // Assess
    expect(codes.every((c) => c !== undefined && (c < 300 || c >= 400))).toBe(true);
  });

  it('rejects bad JSON with a parse error detail', async () => {
    // Prepare
    const { router, ctx } = setup();

    // Act
    const res = await router.handle(event('POST', REPO, { headers: { 'content-type': 'application/json' }, body: '{"name":' }), ctx);

    // Assess
    expect(res.statusCode).toBe(400);
    expect(json(res.body).detail).toMatch(/^JSON parse error - /);
  });

  it('adds the Basic challenge to 401s', async () => {
    // Prepare
    const { router, ctx } = setup();

    // Act
    const res = await router.handle(event('GET', REPO, { headers: { authorization: '' } }), ctx);

    // Assess
    expect(res.headers?.['WWW-Authenticate']).toBe('Basic realm="api"');
  });

  it('lists allowed methods on 405', async () => {
    // Prepare
    const { router, ctx } = setup();

    // Act
    const res = await router.handle(event('POST', `${REPO}${ID}/`), ctx);

    // Assess
    expect(res.headers?.['Allow']).toBe('GET, PATCH, DELETE');
  });

  it('serves a public route without credentials', async () => {
    // Prepare
    const { router, ctx } = setup();

    // Act
    const res = await router.handle(event('GET', '/pulp/api/v3/status/', { headers: { authorization: '' } }), ctx);

    // Assess
    expect(res.statusCode).toBe(200);
    expect(json(res.body).user).toBeNull();
  });

  it('canonicalises the uuid and passes typed query, body and username', async () => {
    // Prepare
    const { router, ctx } = setup();
    const ev = event('PATCH', `${REPO}${ID.toUpperCase()}/`, {
      query: 'ignored=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'retain_repo_versions=',
    });

    // Act
    const res = await router.handle(ev, ctx);

    // Assess
    expect(res.statusCode).toBe(200);
    expect(json(res.body)).toEqual({ params: { id: ID }, query: {}, body: { retain_repo_versions: null }, user: 'admin' });
  });

  it('prefers literal segments over placeholders and matches {number}', async () => {
    // Prepare
    const { router, ctx } = setup();

    // Act
    const stats = await router.handle(event('GET', `${REPO}stats/`), ctx);
    const version = await router.handle(event('GET', `${REPO}${ID}/versions/3/`), ctx);

    // Assess
    expect(json(stats.body)).toEqual({ literal: true });
    expect(json(version.body).params).toEqual({ id: ID, number: '3' });
  });

  it('validates multipart uploads with files', async () => {
    // Prepare
    const { router, ctx } = setup();
    const body = Buffer.concat([
      Buffer.from('--B\r\nContent-Disposition: form-data; name="name"\r\n\r\nr\r\n'),
      Buffer.from('--B\r\nContent-Disposition: form-data; name="file"; filename="f.bin"\r\n\r\n'),
      Buffer.from([0, 255, 13, 10]),
      Buffer.from('\r\n--B--\r\n'),
    ]);
    const ev = { ...event('POST', '/pulp/api/v3/content/file/files/', { headers: { 'content-type': 'multipart/form-data; boundary=B' } }), body: body.toString('base64'), isBase64Encoded: true };

    // Act
    const res = await router.handle(ev, ctx);

    // Assess
    expect(res.statusCode).toBe(200);
    expect(ctx.seen[0]?.files['file']?.data).toEqual(Buffer.from([0, 255, 13, 10]));
    expect(ctx.seen[0]?.body['name']).toBe('r');
  });

  it('passes on form fields a keepUndeclared body does not declare, as sent', async () => {
    // Prepare
    const { router, ctx } = setup();
    const part = (name: string, value: string) => `--B\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const body = `${part('name', 'n')}${part(':action', 'file_upload')}${part('classifiers', 'A')}${part('classifiers', 'B')}--B--\r\n`;
    const ev = event('POST', '/forms/', { headers: { 'content-type': 'multipart/form-data; boundary=B' }, body });

    // Act
    const res = await router.handle(ev, ctx);

    // Assess
    expect(res.statusCode).toBe(200);
    expect(ctx.seen[0]?.body).toEqual({ name: 'n', ':action': 'file_upload', classifiers: ['A', 'B'] });
  });

  it('gives a {name+} parameter its segments joined', async () => {
    // Prepare
    const { router, ctx } = setup();

    // Act
    const res = await router.handle(event('GET', '/idx/team/a%20b/simple/'), ctx);

    // Assess
    expect(res.statusCode).toBe(200);
    expect(ctx.seen[0]?.params).toEqual({ path: 'team/a b' });
  });

  it('answers 204 with no body and no content type', async () => {
    // Prepare
    const { router, ctx } = setup();

    // Act
    const res = await router.handle(event('DELETE', `${REPO}${ID}/`), ctx);

    // Assess
    expect(res.statusCode).toBe(204);
    expect(res.body).toBeUndefined();
    expect(res.headers?.['Content-Type']).toBeUndefined();
  });

  it('logs unexpected errors without leaking them', async () => {
    // Prepare
    const { router, ctx, onError } = setup();

    // Act
    const res = await router.handle(event('GET', '/boom/'), ctx);

    // Assess
    expect(res.body).not.toContain('secret');
    expect(onError).toHaveBeenCalledOnce();
    expect((onError.mock.calls[0]![0] as Error).message).toBe('secret stack');
  });

  const cidCases: Array<[string, Record<string, string>, (cid: string) => boolean]> = [
    ['echoes a UUID sent as Correlation-ID', { 'Correlation-ID': ID }, (cid) => cid === ID],
    ['echoes a UUID sent as correlation-id', { 'correlation-id': ID }, (cid) => cid === ID],
    ['echoes an undashed UUID verbatim (pulp-cli test_status.sh)', { 'correlation-id': 'deadbeefdeadbeefdeadbeefdeadbeef' }, (cid) => cid === 'deadbeefdeadbeefdeadbeefdeadbeef'],
    ['echoes an upper-case UUID verbatim', { 'correlation-id': ID.toUpperCase() }, (cid) => cid === ID.toUpperCase()],
    ['replaces a non-UUID', { 'correlation-id': 'abc' }, (cid) => cid !== 'abc' && /^[0-9a-f-]{36}$/.test(cid)],
    ['replaces 32 characters that are not hex', { 'correlation-id': 'deadbeefdeadbeefdeadbeefdeadxxxx' }, (cid) => /^[0-9a-f-]{36}$/.test(cid)],
    ['issues one when absent', {}, (cid) => /^[0-9a-f-]{36}$/.test(cid)],
  ];
  it.each(cidCases)('%s', async (_label, headers, check) => {
    // Prepare
    const { router, ctx } = setup();

    // Act
    const res = await router.handle(event('GET', `${REPO}${ID}/`, { headers }), ctx);

    // Assess
    const cid = String(res.headers?.['Correlation-ID']);
    expect(check(cid)).toBe(true);
    expect(ctx.seen[0]?.correlationId).toBe(cid);
  });

  it('serves the handler inside the correlation scope of the request (tasks record it)', async () => {
    // Prepare
    const { router, ctx } = setup();

    // Act
    const res = await router.handle(event('GET', '/cid/', { headers: { 'correlation-id': ID } }), ctx);

    // Assess
    expect(json(res.body as string)).toEqual({ scoped: ID });
    expect(currentCorrelationId()).toBeUndefined();
  });

  it('sends a Buffer body base64-encoded with its own Content-Type', async () => {
    // Prepare
    const bytes = Buffer.from([0, 1, 2, 255]);
    const custom = createRouter<Ctx>(
      [{ method: 'GET', path: '/bin/', operationId: 'bin', summary: 's', tags: [], responses: {}, public: true, handler: async () => ({ status: 200, body: bytes, headers: { 'Content-Type': 'application/octet-stream' } }) }],
      { authenticate: async () => undefined },
    );

    // Act
    const res = await custom.handle(event('GET', '/bin/'), { seen: [] });

    // Assess
    expect(res.isBase64Encoded).toBe(true);
    expect(Buffer.from(String(res.body), 'base64').equals(bytes)).toBe(true);
    expect(res.headers?.['Content-Type']).toBe('application/octet-stream');
  });

  it('reports a success status the operation does not declare, and still answers', async () => {
    // Prepare
    const seen: unknown[] = [];
    const custom = createRouter<Ctx>(
      [
        { method: 'GET', path: '/a/', operationId: 'a_read', summary: 's', tags: [], responses: { 200: { description: 'ok' } }, public: true, handler: async () => ({ status: 201, body: {} }) },
        { method: 'GET', path: '/b/', operationId: 'b_read', summary: 's', tags: [], responses: { 200: { description: 'ok' } }, public: true, handler: async () => ({ status: 200, body: {} }) },
      ],
      { authenticate: async () => undefined, onUndeclaredStatus: (info) => seen.push(info) },
    );

    // Act
    const a = await custom.handle(event('GET', '/a/'), { seen: [] });
    const b = await custom.handle(event('GET', '/b/'), { seen: [] });

    // Assess
    expect([a.statusCode, b.statusCode]).toEqual([201, 200]);
    expect(seen).toEqual([{ operationId: 'a_read', status: 201, declared: [200] }]);
  });

  it('sets the correlation id on error responses too', async () => {
    // Prepare
    const { router, ctx } = setup();

    // Act
    const res = await router.handle(event('GET', '/nope/', { headers: { 'correlation-id': ID } }), ctx);

    // Assess
    expect(res.headers?.['Correlation-ID']).toBe(ID);
  });

  it('keeps HttpError headers', async () => {
    // Prepare
    const custom = createRouter<Ctx>(
      [{ method: 'GET', path: '/x/', operationId: 'x', summary: 's', tags: [], responses: {}, public: true, handler: async () => { throw new HttpError(429, { detail: 'Slow down.' }, { 'Retry-After': '1' }); } }],
      { authenticate: async () => undefined },
    );

    // Act
    const res = await custom.handle(event('GET', '/x/'), { seen: [] });

    // Assess
    expect(res.statusCode).toBe(429);
    expect(res.headers?.['Retry-After']).toBe('1');
  });
});
