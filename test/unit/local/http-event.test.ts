import { describe, expect, it } from 'vitest';
import { toApiGatewayEvent, toHttpResponseParts, type LocalHttpRequest } from '../../../local/http-event';

function request(overrides: Partial<LocalHttpRequest>): LocalHttpRequest {
  return {
    method: 'GET',
    url: '/pulp/api/v3/status/',
    headers: { host: 'localhost:24817', 'user-agent': 'curl/8' },
    body: Buffer.alloc(0),
    remoteAddress: '127.0.0.1',
    timeEpoch: Date.UTC(2026, 2, 12, 19, 3, 58),
    ...overrides,
  };
}

describe('toApiGatewayEvent', () => {
  it.each([
    {
      name: 'no query string',
      url: '/a/b/',
      rawQueryString: '',
      query: undefined,
    },
    {
      name: 'repeated keys comma-joined',
      url: '/a/?x=1&x=2&y=3',
      rawQueryString: 'x=1&x=2&y=3',
      query: { x: '1,2', y: '3' },
    },
    {
      name: 'percent-encoded keys and values decoded, raw kept',
      url: '/a/?name%5B0%5D=a%20b&q=%C3%A9',
      rawQueryString: 'name%5B0%5D=a%20b&q=%C3%A9',
      query: { 'name[0]': 'a b', q: 'é' },
    },
    {
      name: 'plus means space, key without value is empty',
      url: '/a/?name=my+repo&flag',
      rawQueryString: 'name=my+repo&flag',
      query: { name: 'my repo', flag: '' },
    },
    {
      name: 'malformed escape left as is',
      url: '/a/?q=100%&r=%41',
      rawQueryString: 'q=100%&r=%41',
      query: { q: '100%', r: 'A' },
    },
  ])('query: $name', ({ url, rawQueryString, query }) => {
    // Prepare
    const req = request({ url });

    // Act
    const event = toApiGatewayEvent(req);

    // Assess
    expect(event.rawQueryString).toBe(rawQueryString);
    expect(event.queryStringParameters).toEqual(query);
  });

  it.each([
    { name: 'HTTP API decodes the path', decodePath: undefined, url: '/pulp/content/a%20b/c.txt?x=1', path: '/pulp/content/a b/c.txt' },
    { name: 'Function URL keeps it encoded', decodePath: false, url: '/pulp/content/a%20b/c.txt?x=1', path: '/pulp/content/a%20b/c.txt' },
  ])('path: $name', ({ decodePath, url, path }) => {
    // Prepare
    const req = request({ url });

    // Act
    const event = toApiGatewayEvent(req, decodePath === undefined ? {} : { decodePath });

    // Assess
    expect(event.rawPath).toBe(path);
    expect(event.requestContext.http.path).toBe(path);
  });

  it.each([
    {
      name: 'raw headers: repeats comma-joined, names lower-cased',
      rawHeaders: ['Host', 'h:1', 'X-Tag', 'a', 'x-tag', 'b', 'Accept', '*/*'],
      headers: {},
      expected: { host: 'h:1', 'x-tag': 'a,b', accept: '*/*' },
      cookies: undefined,
    },
    {
      name: 'cookie headers become cookies[] and leave headers',
      rawHeaders: ['Host', 'h', 'Cookie', 'a=1; b=2', 'cookie', 'c=3'],
      headers: {},
      expected: { host: 'h' },
      cookies: ['a=1', 'b=2', 'c=3'],
    },
    {
      name: 'parsed headers only: arrays comma-joined',
      rawHeaders: undefined,
      headers: { host: 'h', 'x-multi': ['1', '2'] as unknown as string, cookie: 'sid=abc' },
      expected: { host: 'h', 'x-multi': '1,2' },
      cookies: ['sid=abc'],
    },
  ])('headers: $name', ({ rawHeaders, headers, expected, cookies }) => {
    // Prepare
    const req = request({ headers, ...(rawHeaders ? { rawHeaders } : {}) });

    // Act
    const event = toApiGatewayEvent(req);

    // Assess
    const { 'x-forwarded-for': forwardedFor, 'x-forwarded-proto': proto, 'x-forwarded-port': _port, ...rest } = event.headers;
    expect(rest).toEqual(expected);
    expect(forwardedFor).toBe('127.0.0.1');
    expect(proto).toBe('http');
    expect(event.cookies).toEqual(cookies);
  });

  it.each([
    { name: 'empty body', type: 'application/json', body: Buffer.alloc(0), expected: undefined, base64: false },
    { name: 'JSON as text', type: 'application/json; charset=utf-8', body: Buffer.from('{"a":"é"}'), expected: '{"a":"é"}', base64: false },
    { name: 'vendor JSON as text', type: 'application/vnd.api+json', body: Buffer.from('{}'), expected: '{}', base64: false },
    { name: 'form as text', type: 'application/x-www-form-urlencoded', body: Buffer.from('a=1&b=2'), expected: 'a=1&b=2', base64: false },
    { name: 'text/* as text', type: 'text/plain', body: Buffer.from('hello'), expected: 'hello', base64: false },
    { name: 'octet-stream as base64', type: 'application/octet-stream', body: Buffer.from([0, 1, 2, 255]), expected: 'AAEC/w==', base64: true },
    { name: 'multipart as base64', type: 'multipart/form-data; boundary=x', body: Buffer.from('--x--'), expected: 'LS14LS0=', base64: true },
    { name: 'no content type as base64', type: undefined, body: Buffer.from('hi'), expected: 'aGk=', base64: true },
  ])('body: $name', ({ type, body, expected, base64 }) => {
    // Prepare
    const req = request({ method: 'POST', headers: { host: 'h', ...(type ? { 'content-type': type } : {}) }, body });

    // Act
    const event = toApiGatewayEvent(req);

    // Assess
    expect(event.body).toBe(expected);
    expect(event.isBase64Encoded).toBe(base64);
  });

  it('fills requestContext like API Gateway with the $default stage', () => {
    // Prepare
    const req = request({ method: 'post', url: '/pulp/api/v3/status/?a=1', remoteAddress: '::ffff:10.0.0.7', httpVersion: '1.1' });

    // Act
    const event = toApiGatewayEvent(req);

    // Assess
    expect(event.version).toBe('2.0');
    expect(event.routeKey).toBe('$default');
    expect(event.requestContext).toMatchObject({
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method: 'POST', path: '/pulp/api/v3/status/', protocol: 'HTTP/1.1', sourceIp: '10.0.0.7', userAgent: 'curl/8' },
      routeKey: '$default',
      stage: '$default',
      time: '12/Mar/2026:19:03:58 +0000',
      timeEpoch: Date.UTC(2026, 2, 12, 19, 3, 58),
    });
    expect(event.requestContext.requestId).toMatch(/^[A-Za-z0-9+/=]{8,}$/);
    expect(event.headers['x-forwarded-port']).toBe('24817');
  });

  it('gives each request its own requestId', () => {
    // Prepare
    const req = request({});

    // Act
    const ids = new Set([1, 2, 3].map(() => toApiGatewayEvent(req).requestContext.requestId));

    // Assess
    expect(ids.size).toBe(3);
  });
});

describe('toHttpResponseParts', () => {
  it.each([
    {
      name: 'structured result',
      result: { statusCode: 201, headers: { 'Content-Type': 'text/plain', 'X-Count': 3 }, body: 'made' },
      expected: { statusCode: 201, headers: { 'content-type': 'text/plain', 'x-count': '3' }, cookies: [], body: 'made' },
    },
    {
      name: 'base64 body decoded',
      result: { statusCode: 200, body: 'AAEC/w==', isBase64Encoded: true },
      expected: { statusCode: 200, headers: {}, cookies: [], body: Buffer.from([0, 1, 2, 255]).toString('latin1') },
    },
    {
      name: 'cookies kept apart',
      result: { statusCode: 204, cookies: ['a=1; Path=/', 'b=2'] },
      expected: { statusCode: 204, headers: {}, cookies: ['a=1; Path=/', 'b=2'], body: '' },
    },
    {
      name: 'string result is a 200 JSON body verbatim',
      result: 'hello',
      expected: { statusCode: 200, headers: { 'content-type': 'application/json' }, cookies: [], body: 'hello' },
    },
    {
      name: 'object without statusCode is a 200 JSON of itself',
      result: { state: 'ok', body: 'not used as body' },
      expected: {
        statusCode: 200,
        headers: { 'content-type': 'application/json' },
        cookies: [],
        body: '{"state":"ok","body":"not used as body"}',
      },
    },
  ])('$name', ({ result, expected }) => {
    // Prepare: the handler result above

    // Act
    const parts = toHttpResponseParts(result);

    // Assess
    expect({ ...parts, body: parts.body.toString('latin1') }).toEqual(expected);
  });
});
