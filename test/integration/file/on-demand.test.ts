import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../../support/test-stack';
import { content, createRemote, createRepository, distribute, encodePath, get, publish, sync } from '../../support/file-api';
import { sha256, Upstream } from './support/upstream';

describe('on_demand and streamed remotes', () => {
  let stack: TestStack;
  const upstream = new Upstream();
  // Its own files: a unit shared with the on_demand repository would be fetched by that remote first.
  const streamedUpstream = new Upstream();

  beforeAll(async () => {
    // No timed maintenance: the test records on-demand fetches itself, to see both sides of it.
    stack = await startTestStack('file-on-demand', { workers: 2, sweepIntervalMs: 3_600_000 });
    for (let i = 0; i < 5; i++) upstream.add(`lazy/file-${i}.bin`);
    await upstream.start();
    for (let i = 0; i < 3; i++) streamedUpstream.add(`streamed/file-${i}.bin`);
    await streamedUpstream.start();
  });

  afterAll(async () => {
    await upstream.stop();
    await streamedUpstream.stop();
    await stack?.stop();
  });

  async function setUp(policy: string, basePath: string, source: Upstream = upstream): Promise<void> {
    const remote = await createRemote(stack, { name: `${policy}-remote`, url: source.manifestUrl, policy });
    const repo = await createRepository(stack, { name: `${policy}-repo`, remote: remote.pulp_href });
    await sync(stack, repo.pulp_href);
    const publication = await publish(stack, repo.pulp_href);
    await distribute(stack, { name: `${policy}-dist`, base_path: basePath, publication });
  }

  it('on_demand: syncs without downloading, then fetches, stores and redirects on first request', async () => {
    // Prepare
    const hitsBefore = upstream.filesHit();
    await setUp('on_demand', 'lazy');
    const syncedHits = upstream.filesHit() - hitsBefore;
    const [path, data] = [...upstream.files][0]!;
    const before = await get(stack, `/pulp/api/v3/artifacts/?sha256=${sha256(data)}`);

    // Act
    const head = await content(stack, `/pulp/content/lazy/${encodePath(path)}`, 'HEAD');
    const first = await content(stack, `/pulp/content/lazy/${encodePath(path)}`);
    const bytes = Buffer.from(await (await fetch(first.headers.get('location')!)).arrayBuffer());
    const second = await content(stack, `/pulp/content/lazy/${encodePath(path)}`);
    // The content app records the fetch in its index; the workers' maintenance records it in Postgres.
    const unrecorded = await get(stack, `/pulp/api/v3/artifacts/?sha256=${sha256(data)}`);
    const applied = await stack.app.indexer.applyAttachments();
    const after = await get(stack, `/pulp/api/v3/artifacts/?sha256=${sha256(data)}`);

    // Assess
    expect(syncedHits).toBe(0);
    expect(before.count).toBe(0);
    expect(head.status).toBe(200);
    expect(head.headers.get('x-pulp-artifact-size')).toBe(String(data.length));
    expect(first.status).toBe(302);
    expect(sha256(bytes)).toBe(sha256(data));
    expect(unrecorded.count).toBe(0);
    expect(applied).toBe(1);
    expect(after.count).toBe(1);
    expect(second.status).toBe(302);
    expect(upstream.hits.get(path)).toBe(1);
  });

  it('on_demand: a file the remote no longer has is a 404', async () => {
    // Prepare
    const [path] = [...upstream.files][1]!;
    const saved = upstream.files.get(path)!;
    upstream.files.delete(path);

    // Act
    const res = await content(stack, `/pulp/content/lazy/${encodePath(path)}`);

    // Assess
    expect(res.status).toBe(404);
    upstream.files.set(path, saved);
  });

  it('streamed: passes the bytes through without storing them', async () => {
    // Prepare
    await setUp('streamed', 'streamed', streamedUpstream);
    const [path, data] = [...streamedUpstream.files][1]!;

    // Act
    const res = await content(stack, `/pulp/content/streamed/${encodePath(path)}`);
    const body = Buffer.from(await res.arrayBuffer());
    const again = await content(stack, `/pulp/content/streamed/${encodePath(path)}`);
    const stored = await get(stack, `/pulp/api/v3/artifacts/?sha256=${sha256(data)}`);

    // Assess
    expect(res.status).toBe(200);
    expect(sha256(body)).toBe(sha256(data));
    expect(res.headers.get('x-pulp-artifact-size')).toBe(String(data.length));
    expect(again.status).toBe(200);
    expect(streamedUpstream.hits.get(path)).toBe(2);
    expect(stored.count).toBe(0);
  });
});
