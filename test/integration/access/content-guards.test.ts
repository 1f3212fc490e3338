import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redirectToContentApp } from '../../../layers/app/access';
import { signUrl } from '../../../layers/core/signing/cloudfront-url';
import { preauthenticateUrl } from '../../../layers/core/signing/redirect-url';
import { createUser, type ActingUser } from '../../support/access-users';
import { createRepository, json, publish, sendMultipart, uploadContent } from '../../support/file-api';
import { expectTask } from '../../support/tasks';
import { startTestStack, type TestStack } from '../../support/test-stack';

const GUARDS = '/pulp/api/v3/contentguards/core/';
const FILE = 'guarded.txt';
const b64 = (s: string) => Buffer.from(s).toString('base64');

/** The content app and the local /artifacts/ stand-in, with a guard on a distribution. */
describe('content guards and signed artifact URLs', () => {
  let stack: TestStack;
  let publication: string;
  let downloader: ActingUser;
  let stranger: ActingUser;
  const data = randomBytes(300);

  const guard = async (type: string, body: Record<string, unknown>) => {
    const res = await stack.api(`${GUARDS}${type}/`, { method: 'POST', body });
    const made = await json(res);
    expect(res.status, JSON.stringify(made)).toBe(201);
    return made;
  };
  /** A distribution of the publication behind `guardHref`; returns its base path. */
  const guarded = async (name: string, guardHref: string | null) => {
    await expectTask(await stack.api('/pulp/api/v3/distributions/file/file/', { method: 'POST', body: { name, base_path: name, publication, content_guard: guardHref } }), stack);
    return name;
  };
  const fetchFile = (basePath: string, headers: Record<string, string> = {}, query = '') =>
    fetch(new URL(`/pulp/content/${basePath}/${FILE}${query}`, stack.url), { headers, redirect: 'manual' });

  beforeAll(async () => {
    stack = await startTestStack('access-guards', { workers: 1 });
    const repo = await createRepository(stack, 'guarded-repo');
    await uploadContent(stack, FILE, data, repo.pulp_href);
    publication = await publish(stack, repo.pulp_href);
    downloader = await createUser(stack, 'guard-downloader');
    stranger = await createUser(stack, 'guard-stranger');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('a header guard refuses a request without its header and serves one with it, never to shared caches', async () => {
    // Prepare
    const g = await guard('header', { name: 'hdr', header_name: 'x-token', header_value: 'open-sesame' });
    const base = await guarded('hdr-dist', g.pulp_href);

    // Act
    const [none, wrong, right] = [await fetchFile(base), await fetchFile(base, { 'x-token': b64('nope') }), await fetchFile(base, { 'x-token': b64('open-sesame') })];

    // Assess
    expect([none.status, wrong.status, right.status]).toEqual([403, 403, 302]);
    expect(right.headers.get('cache-control')).toBe('private, no-store');
    expect(none.headers.get('cache-control')).toBe('private, no-store');
  });

  it('a header guard with a jq filter compares the value at its path', async () => {
    const g = await guard('header', { name: 'hdr-jq', header_name: 'x-org', header_value: '123456', jq_filter: '.internal.organization_id' });
    const base = await guarded('hdr-jq-dist', g.pulp_href);
    const ok = await fetchFile(base, { 'x-org': b64(JSON.stringify({ internal: { organization_id: '123456' } })) });
    const other = await fetchFile(base, { 'x-org': b64(JSON.stringify({ internal: { organization_id: '654321' } })) });
    expect([ok.status, other.status]).toEqual([302, 403]);
  });

  it('an RBAC guard serves the users holding its download role (and the admin), refuses the anonymous and the others', async () => {
    // Prepare
    const g = await guard('rbac', { name: 'rbac' });
    const base = await guarded('rbac-dist', g.pulp_href);
    const added = await stack.api(`${g.pulp_href}add_role/`, { method: 'POST', body: { role: 'core.rbaccontentguard_downloader', users: [downloader.username] } });

    // Act
    const statuses = [
      (await fetchFile(base)).status,
      (await fetchFile(base, { authorization: downloader.auth })).status,
      (await fetchFile(base, { authorization: stranger.auth })).status,
      (await fetchFile(base, { authorization: stack.auth })).status,
    ];
    const shown = await json(await stack.api(g.pulp_href));

    // Assess
    expect(added.status).toBe(201);
    expect(statuses).toEqual([403, 302, 403, 302]);
    expect(shown.users.map((u: { username: string }) => u.username)).toEqual(['admin', downloader.username]);
  });

  it('a content_redirect guard serves preauthenticated URLs until they expire', async () => {
    // Prepare
    const g = await guard('content_redirect', { name: 'redirect' });
    const base = await guarded('redirect-dist', g.pulp_href);
    const id = g.pulp_href.split('/').at(-2);
    const dist = (await json(await stack.api(`/pulp/api/v3/distributions/file/file/?base_path=${base}`))).results[0];
    const signed = await redirectToContentApp(stack.app.access, id, `${stack.url}/pulp/content/${base}/${FILE}`);
    const ring = (await stack.app.access.signing.material()).redirect;
    const expired = preauthenticateUrl(ring, id, `${stack.url}/pulp/content/${base}/${FILE}`, Date.now() - 7200_000);

    // Act
    const plain = await fetchFile(base);
    const ok = await fetch(signed, { redirect: 'manual' });
    const late = await fetch(expired, { redirect: 'manual' });

    // Assess
    expect(dist.content_guard).toBe(g.pulp_href);
    expect([plain.status, ok.status, late.status]).toEqual([403, 302, 403]);
    expect(await late.text()).toContain('Authentication expired');
  });

  it('a composite guard lets in whoever any of its guards lets in', async () => {
    const header = await guard('header', { name: 'cmp-hdr', header_name: 'x-cmp', header_value: 'yes' });
    const rbac = await guard('rbac', { name: 'cmp-rbac' });
    const g = await guard('composite', { name: 'cmp', guards: [rbac.pulp_href, header.pulp_href] });
    const base = await guarded('cmp-dist', g.pulp_href);
    const statuses = [(await fetchFile(base)).status, (await fetchFile(base, { 'x-cmp': b64('yes') })).status, (await fetchFile(base, { authorization: stack.auth })).status];
    expect(g.guards).toEqual([rbac.pulp_href, header.pulp_href]);
    expect(statuses).toEqual([403, 302, 302]);
  });

  describe('artifact bytes are reachable only through what is served', () => {
    const artifactPath = (sha: string) => `/artifacts/${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`;

    it('serves the signed redirect of a served file', async () => {
      const base = await guarded('open-dist', null);
      const redirect = await fetchFile(base);
      const bytes = Buffer.from(await (await fetch(redirect.headers.get('location')!)).arrayBuffer());
      expect(redirect.status).toBe(302);
      expect(bytes.equals(data)).toBe(true);
    });

    it.each([
      { name: 'a served artifact without a signature', signed: false, inPublication: true, expired: false, status: 403 },
      { name: 'an artifact in no publication', signed: false, inPublication: false, expired: false, status: 403 },
      { name: 'an expired signature', signed: true, inPublication: true, expired: true, status: 403 },
      { name: 'a valid signature', signed: true, inPublication: true, expired: false, status: 200 },
    ])('answers $name with $status', async ({ signed, inPublication, expired, status }) => {
      // Prepare
      let sha = createHash('sha256').update(data).digest('hex');
      if (!inPublication) {
        const loose = randomBytes(100);
        expect((await sendMultipart(stack, '/pulp/api/v3/artifacts/', {}, { name: 'loose', data: loose })).status).toBe(201);
        sha = createHash('sha256').update(loose).digest('hex');
      }
      const keys = (await stack.app.access.signing.material()).artifacts!;
      const url = `${stack.url}${artifactPath(sha)}`;
      const expires = Math.floor(Date.now() / 1000) + (expired ? -10 : 60);

      // Act
      const res = await fetch(signed ? signUrl(url, keys.current, expires) : url);

      // Assess
      expect(res.status).toBe(status);
    });

    it('does not hand a guarded file’s signed URL to a requester the guard refuses', async () => {
      const g = await guard('header', { name: 'art-hdr', header_name: 'x-art', header_value: 'k' });
      const base = await guarded('art-dist', g.pulp_href);
      const refused = await fetchFile(base);
      expect(refused.status).toBe(403);
      expect(refused.headers.get('location')).toBeNull();
    });
  });

  it('refuses a content_guard href that names nothing, and clears the guard with null', async () => {
    const dist = (await json(await stack.api('/pulp/api/v3/distributions/file/file/?base_path=hdr-dist'))).results[0];
    const bad = await stack.api(dist.pulp_href, { method: 'PATCH', body: { content_guard: `${GUARDS}rbac/00000000-0000-0000-0000-000000000000/` } });
    const cleared = await expectTask(await stack.api(dist.pulp_href, { method: 'PATCH', body: { content_guard: null } }), stack);
    expect(bad.status).toBe(400);
    expect(cleared.state).toBe('completed');
    expect((await fetchFile('hdr-dist')).status).toBe(302);
  });
});
