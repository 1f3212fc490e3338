import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../../support/test-stack';
import {
  content,
  createRemote,
  createRepository,
  distribute,
  encodePath,
  get,
  publish,
  rawGet,
  sync,
  versionNumbers,
} from '../../support/file-api';
import { generateTree, sha256, Upstream } from './support/upstream';

const FILES = 300;

describe('sync a PULP_MANIFEST, publish, distribute and serve it', () => {
  let stack: TestStack;
  const upstream = new Upstream();
  let repoHref: string;
  let remoteHref: string;
  const basePath = `e2e/files`;

  beforeAll(async () => {
    stack = await startTestStack('file-sync-serve', { workers: 2 });
    generateTree(upstream, FILES);
    await upstream.start();
  });

  afterAll(async () => {
    await upstream.stop();
    await stack?.stop();
  });

  it('syncs every file of the manifest into version 1', async () => {
    // Prepare
    const remote = await createRemote(stack, { name: 'upstream', url: upstream.manifestUrl });
    remoteHref = remote.pulp_href;
    const repo = await createRepository(stack, { name: 'mirror-of-upstream', remote: remoteHref });
    repoHref = repo.pulp_href;

    // Act
    const task = await sync(stack, repoHref);

    // Assess
    expect(task.name).toBe('pulp_file.app.tasks.synchronizing.synchronize');
    expect(task.created_resources).toEqual([`${repoHref}versions/1/`]);
    expect(task.reserved_resources_record).toEqual(
      expect.arrayContaining([expect.stringMatching(/^prn:file\.filerepository:/), expect.stringMatching(/^shared:prn:file\.fileremote:/)]),
    );
    const codes = (task.progress_reports as Array<{ code: string; done: number; total: number | null }>).map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['sync.downloading.metadata', 'sync.parsing.metadata', 'sync.downloading.artifacts', 'associating.content']));
    const downloads = (task.progress_reports as Array<{ code: string; done: number; total: number }>).find((r) => r.code === 'sync.downloading.artifacts')!;
    expect(downloads.done).toBe(FILES);
    const version = await get(stack, `${repoHref}versions/1/`);
    expect(version.content_summary.present['file.file'].count).toBe(FILES);
    expect(upstream.filesHit()).toBe(FILES);
  });

  it('serves every file through /pulp/content/ and a redirect to /artifacts/', async () => {
    // Prepare
    const publication = await publish(stack, repoHref);
    await distribute(stack, { name: 'e2e', base_path: basePath, publication });

    // Act
    const results = await Promise.all(
      [...upstream.files].map(async ([path, data]) => {
        const res = await content(stack, `/pulp/content/${basePath}/${encodePath(path)}`);
        const location = res.headers.get('location') ?? '';
        const size = res.headers.get('x-pulp-artifact-size');
        const bytes = Buffer.from(await (await fetch(location)).arrayBuffer());
        return { path, status: res.status, location, size, ok: sha256(bytes) === sha256(data), length: data.length };
      }),
    );

    // Assess
    for (const r of results) {
      expect(r.status, r.path).toBe(302);
      expect(r.location, r.path).toMatch(new RegExp(`^${stack.url}/artifacts/[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{64}\\?Expires=\\d+&Signature=[^&]+&Key-Pair-Id=\\w+$`));
      expect(r.size, r.path).toBe(String(r.length));
      expect(r.ok, r.path).toBe(true);
    }
  });

  it('lists directories, redirects to the slash form and answers HEAD', async () => {
    // Prepare
    const root = `/pulp/content/${basePath}/`;

    // Act
    const listing = await content(stack, root);
    const html = await listing.text();
    const sub = await content(stack, `${root}dir0/`);
    const subHtml = await sub.text();
    const noSlash = await content(stack, `/pulp/content/${basePath}`);
    const dirNoSlash = await content(stack, `${root}dir0`);
    const head = await content(stack, `${root}with%2Ccomma.txt`, 'HEAD');
    const index = await content(stack, '/pulp/content/');

    // Assess
    expect(listing.status).toBe(200);
    expect(listing.headers.get('content-type')).toContain('text/html');
    expect(listing.headers.get('cache-control')).toBe('no-cache');
    expect(html).toContain(`Index of /pulp/content/${basePath}/`);
    expect(html).toContain('<a href="../">../</a>');
    expect(html).toContain('<a href="dir0/">dir0/</a>');
    expect(html).toContain('<a href="with%2Ccomma.txt">with,comma.txt</a>');
    expect(html.indexOf('dir0/')).toBeLessThan(html.indexOf('file-'));
    expect(html).toContain('PULP_MANIFEST');
    expect(sub.status).toBe(200);
    expect(subHtml).toContain('sub0/');
    expect(noSlash.status).toBe(301);
    expect(noSlash.headers.get('location')).toBe(`/pulp/content/${basePath}/`);
    expect(dirNoSlash.status).toBe(301);
    expect(dirNoSlash.headers.get('location')).toBe(`${root}dir0/`);
    expect(head.status).toBe(302);
    expect(await head.text()).toBe('');
    expect(index.status).toBe(200);
    expect(await index.text()).toContain(`href="${basePath.split('/').map(encodeURIComponent).join('/')}/"`);
  });

  it('answers 404 for misses, traversal and unknown distributions', async () => {
    // Prepare
    const paths = [
      `/pulp/content/${basePath}/no-such-file`,
      `/pulp/content/${basePath}/dir0/../with%2Ccomma.txt`,
      `/pulp/content/${basePath}/%2e%2e/x`,
      `/pulp/content/${basePath}/nodir/`,
      '/pulp/content/not-a-distribution/x',
    ];

    // Act
    const answers = await Promise.all(paths.map(async (p) => ({ p, res: await rawGet(stack, p) })));
    const head = await content(stack, paths[0]!, 'HEAD');

    // Assess
    for (const { p, res } of answers) {
      expect(res.status, p).toBe(404);
      expect(res.contentType, p).toContain('text/html');
    }
    expect(head.status).toBe(404);
    expect(await head.text()).toBe('');
  });

  it('serves PULP_MANIFEST from the publication, so another repository can sync from it', async () => {
    // Prepare
    const manifestUrl = `${stack.url}/pulp/content/${basePath}/PULP_MANIFEST`;
    const served = await content(stack, `/pulp/content/${basePath}/PULP_MANIFEST`);
    const text = await served.text();
    const remote = await createRemote(stack, { name: 'pulp-to-pulp', url: manifestUrl });
    const repo = await createRepository(stack, { name: 'second' });

    // Act
    const task = await sync(stack, repo.pulp_href, { remote: remote.pulp_href });

    // Assess
    expect(served.status).toBe(200);
    expect(served.headers.get('cache-control')).toBe('no-cache');
    expect(text.trim().split('\n')).toHaveLength(FILES);
    expect(task.created_resources).toEqual([`${repo.pulp_href}versions/1/`]);
    const version = await get(stack, `${repo.pulp_href}versions/1/`);
    expect(version.content_summary.present['file.file'].count).toBe(FILES);
  });

  it('re-syncs: additive adds new files, optimize skips an unchanged manifest, mirror removes', async () => {
    // Prepare
    const removed = [...upstream.files.keys()].filter((p) => p.startsWith('file-')).slice(0, 10);
    for (const p of removed) upstream.files.delete(p);
    for (let i = 0; i < 5; i++) upstream.add(`new/file-${i}.bin`);
    const hitsBefore = upstream.filesHit();

    // Act
    const additive = await sync(stack, repoHref);
    const skipped = await sync(stack, repoHref);
    const mirrored = await sync(stack, repoHref, { mirror: true });

    // Assess
    expect(additive.created_resources).toEqual([`${repoHref}versions/2/`]);
    expect(upstream.filesHit() - hitsBefore).toBe(5);
    const v2 = await get(stack, `${repoHref}versions/2/`);
    expect(v2.content_summary.added['file.file'].count).toBe(5);
    expect(v2.content_summary.removed).toEqual({});
    expect(v2.content_summary.present['file.file'].count).toBe(FILES + 5);
    expect(skipped.created_resources).toEqual([]);
    expect((skipped.progress_reports as Array<{ code: string }>).map((r) => r.code)).toContain('sync.was_skipped');
    expect(mirrored.created_resources).toEqual([`${repoHref}versions/3/`, expect.stringMatching(/^\/pulp\/api\/v3\/publications\/file\/file\/[0-9a-f-]{36}\/$/)]);
    const v3 = await get(stack, `${repoHref}versions/3/`);
    expect(v3.content_summary.removed['file.file'].count).toBe(10);
    expect(v3.content_summary.present['file.file'].count).toBe(FILES - 5);
    expect(await versionNumbers(stack, repoHref)).toEqual([3, 2, 1, 0]);
  });
});
