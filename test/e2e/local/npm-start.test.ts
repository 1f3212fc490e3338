import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../local/free-port';
import { signUrl } from '../../../layers/core/signing/cloudfront-url';
import { parseSigningDocument } from '../../../layers/core/signing/signing-material';
import { apiClient } from '../../support/api-client';
import { createRemote, createRepository } from '../../support/file-api';
import { dataFolder, npmStart, processesOfRun, stopWithCtrlC, waitForNoProcessesOf } from '../../support/npm-start';
import { generateTree, Upstream } from '../../integration/file/support/upstream';

describe('npm start (the embedded default)', () => {
  let dataDir: string;
  let port: number;
  const auth = `Basic ${Buffer.from('admin:start-test-pw').toString('base64')}`;

  beforeAll(async () => {
    dataDir = await dataFolder('npm-start-');
    port = await freePort();
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves status with a connected database and one online worker, keeps rows and artifacts across a Ctrl-C and a restart, and leaves no process behind', async () => {
    // Prepare
    const env = { PULP_PORT: String(port), PULP_DATA_DIR: dataDir, PULP_ADMIN_PASSWORD: 'start-test-pw' };
    const base = `http://127.0.0.1:${port}`;
    const first = await npmStart(env);
    // Act
    const status = (await (await fetch(`${base}/pulp/api/v3/status/`)).json()) as Record<string, any>;
    const head = await fetch(`${base}/pulp/content/`, { method: 'HEAD' });
    const anonymous = await fetch(`${base}/pulp/api/v3/tasks/`);
    const created = await fetch(`${base}/pulp/api/v3/repositories/file/file/`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'survives-restart' }),
    });
    const bytes = Buffer.from(`artifact bytes ${Date.now()}`);
    const digest = createHash('sha256').update(bytes).digest('hex');
    const form = new FormData();
    form.append('file', new Blob([bytes]), 'a.txt');
    const artifact = await fetch(`${base}/pulp/api/v3/artifacts/`, { method: 'POST', headers: { authorization: auth }, body: form });
    await stopWithCtrlC(first);
    const leftAfterFirst = await processesOfRun(dataDir);
    const second = await npmStart(env);
    const found = (await (await fetch(`${base}/pulp/api/v3/repositories/file/file/?name=survives-restart`, { headers: { authorization: auth } })).json()) as { count: number };
    // Artifact bytes need a signature: made with the keys npm start keeps in its data dir.
    const keys = parseSigningDocument(JSON.stringify(JSON.parse(await readFile(path.join(dataDir, 'keys.json'), 'utf8')).signing)).artifacts!;
    const artifactUrl = `${base}/artifacts/${digest.slice(0, 2)}/${digest.slice(2, 4)}/${digest}`;
    const unsigned = await fetch(artifactUrl);
    const stored = await fetch(signUrl(artifactUrl, keys.current, Math.floor(Date.now() / 1000) + 60));
    const storedBytes = Buffer.from(await stored.arrayBuffer());
    await stopWithCtrlC(second);
    // Assess
    expect(status.database_connection).toEqual({ connected: true });
    expect(status.online_workers).toHaveLength(1);
    expect(status.online_api_apps).toHaveLength(1);
    expect(status.online_content_apps).toHaveLength(1);
    expect(head.status).toBe(200);
    expect(anonymous.status).toBe(401);
    expect(created.status).toBe(201);
    expect(found.count).toBe(1);
    expect(artifact.status).toBe(201);
    expect(unsigned.status).toBe(403);
    expect(stored.status).toBe(200);
    expect(storedBytes.equals(bytes)).toBe(true);
    // npm itself ends by the SIGINT it got; the runner's own orderly stop is in the log.
    expect(first.output()).toMatch(/SIGINT: stopping[\s\S]*stopped the app\n[\s\S]*stopped moto\n[\s\S]*stopped postgres\n\[pulp\] stopped\n/);
    expect(second.output()).toMatch(/\[pulp\] stopped\n/);
    expect(leftAfterFirst).toEqual([]);
    expect(second.output()).not.toContain('applied migrations');
  });

  it('exits at a second Ctrl-C without waiting for a running task, and the watchdog stops Postgres and moto', async () => {
    // Prepare: a sync that takes minutes (one download at a time, a slow upstream) is running
    const upstream = await new Upstream().start();
    generateTree(upstream, 20);
    upstream.delayMs = 10_000;
    const env = { PULP_PORT: String(port), PULP_DATA_DIR: dataDir, PULP_ADMIN_PASSWORD: 'start-test-pw', PULP_STOP_GRACE_SECONDS: '300' };
    const run = await npmStart(env);
    const api = apiClient(`http://127.0.0.1:${port}`, 'start-test-pw');
    const remote = await createRemote(api, { name: 'slow', url: upstream.manifestUrl, download_concurrency: 1 });
    const repo = await createRepository(api, { name: 'slow-sync', remote: remote.pulp_href });
    await api.api(`${repo.pulp_href}sync/`, { method: 'POST', body: {} });
    while (upstream.filesHit() === 0) await new Promise((r) => setTimeout(r, 50));
    // Act
    run.signalGroup('SIGINT');
    while (!run.output().includes('SIGINT: stopping')) await new Promise((r) => setTimeout(r, 50));
    run.signalGroup('SIGINT');
    await run.exited;
    const left = await waitForNoProcessesOf(dataDir);
    await upstream.stop();
    // Assess
    expect(run.output()).toContain('SIGINT again: exiting now');
    expect(run.output()).not.toContain('stopped the app');
    expect(left).toEqual([]);
  });
});
