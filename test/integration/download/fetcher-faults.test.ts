import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactKey } from '../../../layers/core/storage/blob-store';
import { createRemote, createRepository, get, json } from '../../support/file-api';
import { waitForTask } from '../../support/tasks';
import { startTestStack, type TestStack } from '../../support/test-stack';
import { waitFor } from '../../support/wait-for';
import { Upstream } from '../file/support/upstream';

const FILES = 40;
const CONCURRENCY = 4;

function startFetcherProcess(stack: TestStack): Promise<ChildProcess> {
  const settings = {
    databaseUrl: stack.config.database.url,
    awsEndpoint: stack.config.awsEndpoint,
    names: {
      bucket: stack.config.contentBucket,
      taskQueue: stack.config.taskQueueUrl.split('/').pop(),
      downloadQueue: stack.config.downloadQueueUrl!.split('/').pop(),
      deliveryTable: stack.config.deliveryTable,
    },
    downloadVisibilityTimeoutSeconds: 3,
  };
  // node itself (not npx), so killing the child kills the fetcher, not a wrapper.
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/integration/download/fixtures/fetcher-process.ts', JSON.stringify(settings)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('fetcher process did not start')), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('FETCHER READY')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on('exit', (code) => reject(new Error(`fetcher process exited early (${code})`)));
  });
}

describe('a sync whose files are fetched by fetchers in other processes', () => {
  let stack: TestStack;
  const upstream = new Upstream();
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    // Tasks run here; every download goes to the fetcher processes.
    stack = await startTestStack('fetcher-faults', { fetchers: 0, fanOut: true, downloadVisibilityTimeoutSeconds: 3 });
    for (let i = 0; i < FILES; i++) upstream.add(`f/${i}.bin`);
    upstream.delayMs = 150;
    await upstream.start();
    children.push(await startFetcherProcess(stack), await startFetcherProcess(stack));
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await upstream.stop();
    await stack?.stop();
  });

  it('completes with every file verified when a fetcher is killed mid-way, never above the remote’s download_concurrency', { timeout: 240_000 }, async () => {
    // Prepare
    const remote = await createRemote(stack, { name: 'fan', url: upstream.manifestUrl, download_concurrency: CONCURRENCY });
    const repo = await createRepository(stack, { name: 'fan-out', remote: remote.pulp_href });

    // Act: kill one fetcher once a quarter of the files have been asked for.
    const { task } = await json(await stack.api(`${repo.pulp_href}sync/`, { method: 'POST', body: {} }));
    await waitFor(async () => (upstream.filesHit() >= FILES / 4 ? true : undefined), { timeoutMs: 120_000, what: 'a quarter of the downloads' });
    children[0]!.kill('SIGKILL');
    const done = await waitForTask(stack, task, 200_000, 250);

    // Assess
    expect(done.state, JSON.stringify(done.error)).toBe('completed');
    const version = await get(stack, `${repo.pulp_href}versions/1/`);
    expect(version.content_summary.present['file.file'].count).toBe(FILES);
    for (const [path, data] of upstream.files) {
      const sha256 = createHash('sha256').update(data).digest('hex');
      const chunks: Buffer[] = [];
      for await (const chunk of await stack.app.blobs.get(artifactKey(sha256))) chunks.push(chunk as Buffer);
      expect(createHash('sha256').update(Buffer.concat(chunks)).digest('hex'), path).toBe(sha256);
    }
    expect(upstream.maxInFlight).toBeGreaterThan(1);
    expect(upstream.maxInFlight).toBeLessThanOrEqual(CONCURRENCY);
  });
});
