import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isListRoute, type Route } from '../../../layers/http/route';
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

  const ARTIFACT = `${API}artifacts/00000000-0000-0000-0000-000000000000/`;
  const LABELS_10K = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, 'v']));
  // The findings of issue 11 ("Input that should be refused is accepted"), each now a 400 on its field.
  const refused: Array<[string, string, Record<string, unknown>, string]> = [
    ['a line break in relative_path (it would inject a PULP_MANIFEST line)', 'content/file/files/', { relative_path: 'a\nb.txt', artifact: ARTIFACT }, 'relative_path'],
    ['a tab in relative_path', 'content/file/files/', { relative_path: 'a\tb.txt', artifact: ARTIFACT }, 'relative_path'],
    ['a 2,800-character name (past the btree row limit)', 'repositories/file/file/', { name: 'n'.repeat(2800) }, 'name'],
    ['a lone surrogate in a name (jsonb refuses it)', 'repositories/file/file/', { name: '\ud800' }, 'name'],
    ['a lone surrogate in a label', 'remotes/file/file/', { name: 'ls', url: 'http://h/', pulp_labels: { a: '\ud800' } }, 'pulp_labels'],
    ['a name of only whitespace', 'repositories/file/file/', { name: ' \t ' }, 'name'],
    ['a 1 MB description', 'repositories/file/file/', { name: 'big', description: 'd'.repeat(1024 * 1024) }, 'description'],
    ['a 1 MB label', 'repositories/file/file/', { name: 'big', pulp_labels: { a: 'v'.repeat(1024 * 1024) } }, 'pulp_labels'],
    ['10,000 labels', 'repositories/file/file/', { name: 'many', pulp_labels: LABELS_10K }, 'pulp_labels'],
    ['a base path with "?"', 'distributions/file/file/', { name: 'q', base_path: 'a?b' }, 'base_path'],
    ['a base path with "#"', 'distributions/file/file/', { name: 'h', base_path: 'a#b' }, 'base_path'],
    ['a base path with encoded dots', 'distributions/file/file/', { name: 'e', base_path: '%2e%2e' }, 'base_path'],
    ['a base path with a backslash', 'distributions/file/file/', { name: 'b', base_path: 'a\\..\\b' }, 'base_path'],
    ['a remote URL with CRLF', 'remotes/file/file/', { name: 'crlf', url: 'http://h/x\r\nX-Injected: 1' }, 'url'],
    ['a remote URL with credentials (every read returns it)', 'remotes/file/file/', { name: 'cred', url: 'http://user:pass@h/PULP_MANIFEST' }, 'url'],
    ['a gopher proxy', 'remotes/file/file/', { name: 'gp', url: 'http://h/', proxy_url: 'gopher://h:70/' }, 'proxy_url'],
    ['a file:// file_url', 'content/file/files/', { relative_path: 'x', file_url: 'file:///etc/passwd' }, 'file_url'],
  ];
  it.each(refused)('refuses %s', async (_label, path, body, field) => {
    // Act
    const res = await stack.api(`${API}${path}`, { method: 'POST', body });
    const json = (await res.json()) as Record<string, unknown>;

    // Assess
    expect(res.status, JSON.stringify(json).slice(0, 300)).toBe(400);
    expect(Object.keys(json)).toContain(field);
  });

  it('refuses a non-hex sha256 on upload commit instead of failing a task later', async () => {
    // Prepare
    const upload = (await (await stack.api(`${API}uploads/`, { method: 'POST', body: { size: 1 } })).json()) as { pulp_href: string };

    // Act
    const res = await stack.api(`${upload.pulp_href}commit/`, { method: 'POST', body: { sha256: 'z'.repeat(64) } });

    // Assess
    expect(res.status).toBe(400);
    expect(Object.keys((await res.json()) as object)).toEqual(['sha256']);
  });

  it('stores a remote URL sent with a leading space as the URL it fetches', async () => {
    // Act
    const res = await stack.api(`${API}remotes/file/file/`, { method: 'POST', body: { name: 'spaced', url: ' http://h/PULP_MANIFEST ' } });
    const remote = (await res.json()) as { url: string };

    // Assess
    expect(res.status).toBe(201);
    expect(remote.url).toBe('http://h/PULP_MANIFEST');
  });

  it('answers 401, never 500, to a NUL in a Basic username', async () => {
    // Prepare
    const authorization = `Basic ${Buffer.from('ad\u0000min:x').toString('base64')}`;

    // Act
    const res = await stack.api(`${API}repositories/`, { headers: { authorization } });

    // Assess
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ detail: 'Invalid username/password.' });
  });

  it("answers every list's undeclared filter with pulpcore's 400 Invalid Filter", async () => {
    // Prepare
    const lists = (stack.app.routes as Route<unknown>[]).filter((r) => isListRoute(r) && !r.path.includes('{'));

    // Act
    const answers = await Promise.all(lists.map(async (r) => [r.path, (await stack.api(`${r.path}?bogus=1`)).status] as const));

    // Assess
    expect(lists.length).toBeGreaterThan(10);
    expect(answers.filter(([, status]) => status !== 400)).toEqual([]);
    expect(await (await stack.api(`${API}repositories/?nmae=x`)).json()).toEqual({ errors: ["Invalid Filter: 'nmae'"] });
    expect((await stack.api(`${API}repositories/?limit=1&offset=0&fields=name&ordering=name`)).status).toBe(200);
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
