import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startTestStack, type TestStack } from '../../support/test-stack';

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('basic authentication on the real API handler', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack('auth', { workers: 1 });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const call = (path: string, authorization?: string) =>
    fetch(new URL(path, stack.url), { headers: authorization ? { authorization } : {} });

  it.each([
    { path: '/pulp/api/v3/status/', status: 200 },
    { path: '/pulp/api/v3/docs/api.json', status: 200 },
    { path: '/pulp/api/v3/tasks/', status: 401 },
    { path: '/pulp/api/v3/repositories/file/file/', status: 401 },
  ])('answers $path without credentials with $status', async ({ path, status }) => {
    expect((await call(path)).status).toBe(status);
  });

  it('says the same for an unknown user as for a wrong password', async () => {
    // Act
    const unknown = await call('/pulp/api/v3/tasks/', basic('nobody', 'whatever'));
    const wrong = await call('/pulp/api/v3/tasks/', basic('admin', 'not-the-password'));
    // Assess
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect(await unknown.json()).toEqual(await wrong.json());
    expect(unknown.headers.get('www-authenticate')).toBe(wrong.headers.get('www-authenticate'));
  });

  it('lets the admin in', async () => {
    expect((await call('/pulp/api/v3/tasks/', basic('admin', ADMIN_PASSWORD))).status).toBe(200);
  });

  it.each([
    { what: 'bad JSON', init: { method: 'POST', body: '{"name": ', type: 'application/json' }, status: 400 },
    { what: 'an unknown field', init: { method: 'POST', body: '{"name": "x", "colour": "red"}', type: 'application/json' }, status: 400 },
    { what: 'a bad UUID in an href', path: '/pulp/api/v3/repositories/file/file/not-a-uuid/', status: 404 },
    { what: 'an unknown UUID', path: '/pulp/api/v3/repositories/file/file/00000000-0000-0000-0000-000000000000/', status: 404 },
  ])('answers $what with $status in Pulp shape, never 500', async ({ init, path, status }) => {
    // Act
    const res = await fetch(new URL(path ?? '/pulp/api/v3/repositories/file/file/', stack.url), {
      method: init?.method ?? 'GET',
      headers: { authorization: stack.auth, ...(init ? { 'content-type': init.type } : {}) },
      body: init?.body,
    });
    const body = (await res.json()) as Record<string, unknown>;
    // Assess
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/json');
    if (status === 404) expect(body).toEqual({ detail: 'Not found.' });
    else expect(Object.keys(body).length).toBeGreaterThan(0);
  });
});
