import { rm } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../local/free-port';
import { apiClient, type ApiClient } from '../../support/api-client';
import { createRemote, createRepository, distribute, encodePath, get, publish, sync, versionNumbers } from '../../support/file-api';
import { dataFolder, npmStart, stopWithCtrlC, waitForNoProcessesOf, type NpmStart } from '../../support/npm-start';
import { waitForTask } from '../../support/tasks';
import { generateTree, sha256, Upstream } from '../../integration/file/support/upstream';

const FILES = 40;
const PASSWORD = 'durability-pw';

/**
 * `npm start` as a user runs it, stopped every way a process stops: whatever an API call or
 * a task reported stored is there, byte for byte, after a restart.
 */
describe('npm start keeps every stored artifact, however it is stopped', () => {
  let dataDir: string;
  let port: number;
  let upstream: Upstream;
  let running: NpmStart | undefined;
  // A dead worker is noticed in seconds, not Pulp's 30 s, so the test waits for nothing long.
  const env = () => ({
    PULP_PORT: String(port),
    PULP_DATA_DIR: dataDir,
    PULP_ADMIN_PASSWORD: PASSWORD,
    WORKER_TTL_SECONDS: '2',
    PULP_SWEEP_INTERVAL_SECONDS: '1',
  });
  const start = async (): Promise<ApiClient> => {
    running = await npmStart(env());
    return apiClient(`http://127.0.0.1:${port}`, PASSWORD);
  };

  beforeAll(async () => {
    upstream = await new Upstream().start();
    generateTree(upstream, FILES);
  });

  afterAll(async () => {
    await upstream.stop();
  });

  afterEach(async () => {
    if (running) await stopWithCtrlC(running);
    running = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });

  async function beforeEachCase(): Promise<void> {
    dataDir = await dataFolder('durability-');
    port = await freePort();
    upstream.delayMs = 0;
    upstream.hits.clear();
  }

  async function mirror(api: ApiClient, options: Record<string, unknown> = {}): Promise<{ repoHref: string }> {
    const remote = await createRemote(api, { name: 'upstream', url: upstream.manifestUrl, ...options });
    const repo = await createRepository(api, { name: 'mirror', remote: remote.pulp_href });
    return { repoHref: repo.pulp_href };
  }

  async function publishAndDistribute(api: ApiClient, repoHref: string, basePath: string): Promise<void> {
    const publication = await publish(api, repoHref);
    await distribute(api, { name: basePath, base_path: basePath, publication });
  }

  /** Every upstream file through /pulp/content/ (following the redirect): the paths that came back wrong. */
  async function wrongFiles(api: ApiClient, basePath: string): Promise<string[]> {
    const wrong: string[] = [];
    for (const [path, data] of upstream.files) {
      const res = await fetch(`${api.url}/pulp/content/${basePath}/${encodePath(path)}`);
      const body = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200 || sha256(body) !== sha256(data)) wrong.push(`${path}: ${res.status}`);
    }
    return wrong;
  }

  /** Kills npm start with SIGKILL to its whole process group: nothing of it runs any code after. */
  async function killGroup(): Promise<void> {
    running!.signalGroup('SIGKILL');
    await running!.exited;
    running = undefined;
  }

  it.each([
    { how: 'Ctrl-C (SIGINT to its process group) after publishing and distributing', stopAfter: 'distribute', stop: 'ctrl-c' },
    { how: 'SIGKILL of its process group right after the sync completed', stopAfter: 'sync', stop: 'sigkill' },
  ])('serves every synced file right after $how and a restart', async ({ stopAfter, stop }) => {
    // Prepare
    await beforeEachCase();
    let api = await start();
    const { repoHref } = await mirror(api);
    await sync(api, repoHref);
    if (stopAfter === 'distribute') await publishAndDistribute(api, repoHref, 'kept');
    // Act
    if (stop === 'sigkill') await killGroup();
    else {
      await stopWithCtrlC(running!);
      running = undefined;
    }
    api = await start();
    if (stopAfter === 'sync') await publishAndDistribute(api, repoHref, 'kept');
    const wrong = await wrongFiles(api, 'kept');
    // Assess
    expect(wrong).toEqual([]);
    expect(await versionNumbers(api, repoHref)).toEqual([1, 0]);
  });

  it('ends a sync cut off by SIGKILL with a final task and an all-or-nothing version; a re-sync then serves every file right', async () => {
    // Prepare: a slow upstream and two downloads at a time, so the kill lands mid-download
    await beforeEachCase();
    let api = await start();
    const { repoHref } = await mirror(api, { download_concurrency: 2 });
    upstream.delayMs = 150;
    const dispatched = await api.api(`${repoHref}sync/`, { method: 'POST', body: {} });
    const { task: taskHref } = (await dispatched.json()) as { task: string };
    const deadline = Date.now() + 60_000;
    while (upstream.filesHit() < 12 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    // Act
    await killGroup();
    upstream.delayMs = 0;
    api = await start();
    const cutOff = await waitForTask(api, taskHref, 60_000);
    const versionsAfterKill = await versionNumbers(api, repoHref);
    const latest = versionsAfterKill[0] === 1 ? await get(api, `${repoHref}versions/1/`) : undefined;
    await sync(api, repoHref);
    await publishAndDistribute(api, repoHref, 'resynced');
    const wrong = await wrongFiles(api, 'resynced');
    // Assess
    expect(upstream.filesHit()).toBeGreaterThanOrEqual(12);
    expect(['failed', 'completed']).toContain(cutOff.state);
    if (cutOff.state === 'failed') {
      expect(cutOff.error.reason ?? cutOff.error.description).toBeTruthy();
      expect(versionsAfterKill).toEqual([0]);
    } else {
      expect(latest!.content_summary.present['file.file'].count).toBe(FILES);
    }
    expect(wrong).toEqual([]);
  });

  it('leaves no process of a killed run behind', async () => {
    // Prepare
    await beforeEachCase();
    await start();
    // Act
    await killGroup();
    const left = await waitForNoProcessesOf(dataDir);
    // Assess
    expect(left).toEqual([]);
  });
});
