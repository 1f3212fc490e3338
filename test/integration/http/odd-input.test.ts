import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../../support/test-stack';

const API = '/pulp/api/v3/';
const NO_REPO = `${API}repositories/file/file/00000000-0000-0000-0000-000000000000/`;

/** Inputs that once reached Postgres unchecked and answered 500 instead of Pulp's 4xx. */
describe('odd input gives 4xx, never 500', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack('odd-input', { workers: 1 });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const queries: Array<[string, number]> = [
    ['remotes/file/file/?name=%00', 400],
    ['remotes/file/file/?name__in=a,%00', 400],
    ['repositories/file/file/?name=%00', 400],
    ['content/file/files/?relative_path=%00', 400],
    ['content/file/files/?sha256=%00', 400],
    ['distributions/file/file/?base_path=%00', 400],
    ['artifacts/?sha256=%00', 400],
    ['tasks/?name=%00', 400],
    ['workers/?name=%00', 400],
    ['remotes/file/file/?pulp_href__in=/pulp/api/v3/remotes/file/file/------------------------------------/', 200],
    ['repository_versions/?number=99999999999', 200],
    ['repository_versions/?number__gte=99999999999', 200],
    [`content/file/files/?repository_version=${NO_REPO}versions/99999999999/`, 400],
    [`publications/file/file/?repository_version=${NO_REPO}versions/99999999999/`, 400],
    [`${NO_REPO.slice(API.length)}versions/99999999999/`, 404],
  ];
  it.each(queries)('GET %s answers %i', async (query, status) => {
    // Prepare
    const path = `${API}${query}`;

    // Act
    const res = await stack.api(path);

    // Assess
    expect(res.status, await res.text()).toBe(status);
  });

  const bodies: Array<[string, Record<string, unknown>, string]> = [
    ['remotes/file/file/', { name: 'n\u0000', url: 'http://h/' }, 'name'],
    ['remotes/file/file/', { name: 'u1', url: 'http://h/\u0000' }, 'url'],
    ['remotes/file/file/', { name: 'u2', url: 'http://h/', pulp_labels: { 'a\u0000': 'b' } }, 'pulp_labels'],
    ['remotes/file/file/', { name: 'u3', url: 'http://h/', headers: [{ a: '\u0000' }] }, 'headers'],
    ['remotes/file/file/', { name: 'u4', url: 'http://h/', download_concurrency: 99999999999 }, 'download_concurrency'],
    ['remotes/file/file/', { name: 'u5', url: 'http://h/', max_retries: 2147483648 }, 'max_retries'],
    ['remotes/file/file/', { name: 'u6', url: 'http://h/', rate_limit: 2147483648 }, 'rate_limit'],
    ['repositories/file/file/', { name: 'r\u0000' }, 'name'],
    ['repositories/file/file/', { name: 'r1', description: '\u0000' }, 'description'],
    ['repositories/file/file/', { name: 'r2', retain_repo_versions: 99999999999 }, 'retain_repo_versions'],
    ['distributions/file/file/', { name: 'd', base_path: 'ok\u0000' }, 'base_path'],
    ['publications/file/file/', { repository_version: `${NO_REPO}versions/99999999999/` }, 'repository_version'],
    ['repositories/file/file/', { name: 'r3', manifest: '../../artifacts/x' }, 'manifest'],
    ['repositories/file/file/', { name: 'r4', manifest: '/abs' }, 'manifest'],
  ];
  it.each(bodies)('POST %s %j is a 400 on the field', async (path, body, field) => {
    // Prepare
    const request = { method: 'POST', body };

    // Act
    const res = await stack.api(`${API}${path}`, request);
    const json = (await res.json()) as Record<string, unknown>;

    // Assess
    expect(res.status, JSON.stringify(json)).toBe(400);
    expect(json).toHaveProperty(field);
  });

  it('answers 400, not 500, to the losers of concurrent creates of one remote name', async () => {
    // Prepare
    const body = { name: 'raced', url: 'http://h/PULP_MANIFEST' };

    // Act
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => stack.api(`${API}remotes/file/file/`, { method: 'POST', body })),
    );

    // Assess
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 400, 400, 400, 400, 400, 400, 400]);
  });
});
