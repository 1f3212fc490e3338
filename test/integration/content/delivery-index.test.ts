import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresServer } from '../../../local/postgres-server';
import { createRemote, createRepository, distribute, get, publish, sync } from '../../support/file-api';
import { startTestStack, type TestStack } from '../../support/test-stack';
import { sha256, Upstream } from '../file/support/upstream';

/** Follows the content app's redirect to the artifact and returns the bytes' sha256. */
async function download(stack: TestStack, path: string): Promise<{ status: number; sha256?: string }> {
  const first = await fetch(new URL(path, stack.url), { redirect: 'manual' });
  if (first.status !== 302) return { status: first.status };
  const bytes = Buffer.from(await (await fetch(new URL(first.headers.get('location')!, stack.url))).arrayBuffer());
  return { status: 200, sha256: sha256(bytes) };
}

describe('the content app reads the delivery index, not Postgres', () => {
  let scratch: string;
  let postgres: PostgresServer;
  let stack: TestStack;
  const upstream = new Upstream();

  beforeAll(async () => {
    // A Postgres of this file's own, so it can be stopped without touching other test files.
    scratch = await mkdtemp(join(tmpdir(), 'delivery-index-'));
    // mkdtemp makes it 0700; Postgres runs as the postgres user when we are root.
    await chmod(scratch, 0o755);
    postgres = await startPostgres({ dataDir: join(scratch, 'pg'), durable: false });
    stack = await startTestStack('delivery-index', { databaseUrl: postgres.databaseUrl('pulp') });
    for (let i = 0; i < 12; i++) upstream.add(`dir${i % 3}/file-${i}.bin`);
    await upstream.start();
  });

  afterAll(async () => {
    await upstream.stop();
    await stack?.stop();
    await postgres?.stop().catch(() => undefined);
    await rm(scratch, { recursive: true, force: true });
  });

  it('serves a new publication the moment its task completes', async () => {
    // Prepare
    const remote = await createRemote(stack, { name: 'up', url: upstream.manifestUrl });
    const repo = await createRepository(stack, { name: 'served', remote: remote.pulp_href });
    await sync(stack, repo.pulp_href);
    await distribute(stack, { name: 'served', base_path: 'served/latest', repository: repo.pulp_href });

    // Act: the first GET after the task completes.
    const before = await download(stack, '/pulp/content/served/latest/dir0/file-0.bin');
    await publish(stack, repo.pulp_href);
    const after = await download(stack, '/pulp/content/served/latest/dir0/file-0.bin');

    // Assess
    expect(before.status).toBe(404);
    expect(after).toEqual({ status: 200, sha256: sha256(upstream.files.get('dir0/file-0.bin')!) });
  });

  it('rebuilds what drifted: a reconcile restores a lost entry and drops a stale one', async () => {
    // Prepare: lose the distribution's entry, leave one for a distribution that no longer exists.
    const { distribution, source } = (await stack.app.services.delivery.resolve('served/latest'))!;
    const index = stack.app.deliveryIndex;
    await index.deleteDistribution('served/latest');
    await index.putDistribution({ ...distribution, id: '00000000-0000-0000-0000-000000000001', name: 'ghost', basePath: 'ghost' }, source);
    const lost = await download(stack, '/pulp/content/served/latest/dir1/file-1.bin');

    // Act
    const report = await stack.app.indexer.reconcile();

    // Assess
    expect(lost.status).toBe(404);
    expect(report).toEqual({ refreshed: 1, removed: 1 });
    expect((await download(stack, '/pulp/content/served/latest/dir1/file-1.bin')).status).toBe(200);
    expect((await fetch(new URL('/pulp/content/ghost/dir1/file-1.bin', stack.url), { redirect: 'manual' })).status).toBe(404);
  });

  it('lists and serves every published file with the right bytes while Postgres is stopped', async () => {
    // Prepare
    const api = await get(stack, '/pulp/api/v3/status/');
    expect(api.database_connection).toEqual({ connected: true });

    // Act
    await postgres.stop();
    const root = await fetch(new URL('/pulp/content/', stack.url));
    const listing = await fetch(new URL('/pulp/content/served/latest/dir2/', stack.url));
    const files = [];
    for (const path of upstream.files.keys()) files.push([path, await download(stack, `/pulp/content/served/latest/${path}`)] as const);
    const manifest = await fetch(new URL('/pulp/content/served/latest/PULP_MANIFEST', stack.url));
    const status = await fetch(new URL('/pulp/api/v3/status/', stack.url));

    // Assess
    expect(root.status).toBe(200);
    expect(await root.text()).toContain('served/latest/');
    expect(listing.status).toBe(200);
    expect(await listing.text()).toContain('file-2.bin');
    for (const [path, got] of files) expect(got, path).toEqual({ status: 200, sha256: sha256(upstream.files.get(path)!) });
    expect(manifest.status).toBe(200);
    expect((await manifest.text()).split('\n').filter(Boolean)).toHaveLength(12);
    // The API does need Postgres, and says so.
    expect(((await status.json()) as { database_connection: unknown }).database_connection).toEqual({ connected: false });
  });
});
