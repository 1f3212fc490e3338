import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curlSha256 } from '../../support/curl';
import { pulpCliFor, type PulpCli } from '../../support/pulp-cli';
import { sha256 } from '../../support/random-file';
import { startTestStack, type TestStack } from '../../support/test-stack';

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** An upstream file repository: PULP_MANIFEST plus its files, served from this process on loopback. */
async function startUpstream(files: Record<string, Buffer>): Promise<{ server: Server; manifestUrl: string }> {
  const manifest = Object.entries(files)
    .map(([path, data]) => `${path},${sha256(data)},${data.length}`)
    .join('\n');
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').replace(/^\/upstream\//, '').split('?')[0] ?? '');
    const body = path === 'PULP_MANIFEST' ? Buffer.from(`${manifest}\n`) : files[path];
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, manifestUrl: `http://127.0.0.1:${port}/upstream/PULP_MANIFEST` };
}

describe('pulp-cli file sync from an upstream PULP_MANIFEST, then publish, distribute and fetch', () => {
  let stack: TestStack;
  let cli: PulpCli;
  let upstream: { server: Server; manifestUrl: string };
  const files: Record<string, Buffer> = {
    '1.iso': randomBytes(1024),
    '2.iso': randomBytes(1024),
    'dir/3.iso': randomBytes(5000),
  };

  beforeAll(async () => {
    upstream = await startUpstream(files);
    stack = await startTestStack('e2e-cli-file-sync', { workers: 2 });
    cli = await pulpCliFor(stack);
  });

  afterAll(async () => {
    await cli?.close();
    await stack?.stop();
    await new Promise((resolve) => upstream?.server.close(resolve));
  });

  it.for(['immediate', 'on_demand'])('sync (%s), publish, distribute, curl every file by sha256', async (policy) => {
    // Prepare
    const remote = unique(`remote-${policy}`);
    const repo = unique(`sync-${policy}`);
    await cli.json(['file', 'remote', 'create', '--name', remote, '--url', upstream.manifestUrl, '--policy', policy]);
    await cli.json(['file', 'repository', 'create', '--name', repo, '--remote', remote]);

    // Act
    const synced = await cli.run(['file', 'repository', 'sync', '--repository', repo]);
    const resynced = await cli.run(['file', 'repository', 'sync', '--repository', repo]);
    const versions = await cli.json(['file', 'repository', 'version', 'list', '--repository', repo]);
    const content = await cli.json(['file', 'repository', 'content', 'list', '--repository', repo]);
    const publication = await cli.json(['file', 'publication', 'create', '--repository', repo]);
    const distribution = await cli.json(['file', 'distribution', 'create', '--name', unique('dist'), '--base-path', unique('sync'), '--publication', publication.pulp_href]);
    const served = await Promise.all(Object.keys(files).map((path) => curlSha256(`${distribution.base_url}${path}`)));
    const tasks = await cli.json(['file', 'repository', 'task', 'list', '--repository', repo, '--name', 'pulp_file.app.tasks.synchronizing.synchronize']);

    // Assess
    expect(synced.code, synced.stderr).toBe(0);
    expect(resynced.code, resynced.stderr).toBe(0);
    // The unchanged re-sync makes no new version.
    expect(versions.map((v: any) => v.number)).toEqual([1, 0]);
    expect(content.map((c: any) => c.relative_path).sort()).toEqual(Object.keys(files).sort());
    expect(served).toEqual(Object.values(files).map(sha256));
    expect(tasks).toHaveLength(2);
  });

  it('sync --mirror of a repository without a remote fails in the CLI, and with one it makes a version', async () => {
    // Prepare
    const remote = unique('remote-mirror');
    const repo = unique('mirror');
    await cli.json(['file', 'remote', 'create', '--name', remote, '--url', upstream.manifestUrl]);
    await cli.json(['file', 'repository', 'create', '--name', repo]);

    // Act
    const noRemote = await cli.fails(['file', 'repository', 'sync', '--repository', repo]);
    const mirrored = await cli.run(['file', 'repository', 'sync', '--repository', repo, '--remote', remote, '--mirror']);
    const versions = await cli.json(['file', 'repository', 'version', 'list', '--repository', repo]);

    // Assess
    expect(noRemote.stderr).toMatch(/remote/i);
    expect(mirrored.code, mirrored.stderr).toBe(0);
    expect(versions.map((v: any) => v.number)).toEqual([1, 0]);
  });

  it('pulp --background file repository sync returns at once; task show --wait follows it to completed', async () => {
    // Prepare
    const remote = unique('remote-bg');
    const repo = unique('background');
    await cli.json(['file', 'remote', 'create', '--name', remote, '--url', upstream.manifestUrl]);
    await cli.json(['file', 'repository', 'create', '--name', repo, '--remote', remote]);

    // Act
    const started = await cli.run(['--background', 'file', 'repository', 'sync', '--repository', repo]);
    const href = /Started background task (\S+)/.exec(started.stderr)?.[1];
    const finished = await cli.json(['task', 'show', '--wait', '--href', String(href)]);

    // Assess
    expect(started.code, started.stderr).toBe(0);
    expect(href).toMatch(/^\/pulp\/api\/v3\/tasks\/[0-9a-f-]{36}\/$/);
    expect(finished).toMatchObject({ pulp_href: href, state: 'completed', name: 'pulp_file.app.tasks.synchronizing.synchronize' });
    expect(finished.created_resources).toEqual([expect.stringMatching(/versions\/1\/$/)]);
  });
});

