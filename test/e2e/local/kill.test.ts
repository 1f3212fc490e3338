import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../local/free-port';
import { apiClient, type ApiClient } from '../../support/api-client';
import { createRemote, createRepository, distribute, publish, sync } from '../../support/file-api';
import { dataFolder, npmStart, stopWithCtrlC, waitForNoProcessesOf, type NpmStart } from '../../support/npm-start';
import { generateTree, Upstream } from '../../integration/file/support/upstream';
import { checkArtifacts, checkTasks, checkVersions, waitUntilAllFinal } from './support/consistency';
import { injectFaults } from './support/fault-injector';
import { LoadClient } from './support/load-client';
import { runMixedLoad } from './support/mixed-load';

/** How long the load runs: about two minutes in CI; `npm run soak` sets it longer. */
const LOAD_SECONDS = Number(process.env.KILL_TEST_SECONDS ?? 90);
const KILL_EVERY_MS = Number(process.env.KILL_TEST_INTERVAL_SECONDS ?? 12) * 1000;
const CLIENTS = 6;
const MAX_REQUESTS = Math.max(20_000, LOAD_SECONDS * 400);
/** A bound on settling after the load: a lost wake-up waits for the sweeper's stale sweep (60 s). */
const SETTLE_TIMEOUT_MS = 240_000;
const PASSWORD = 'kill-test-pw';
const REPOSITORIES = 3;

/**
 * The multi-process local mode under a bounded mixed load while API and worker processes are
 * SIGKILLed in turn (and restarted by the supervisor, as Lambda starts new environments).
 */
describe('npm start -- --api 2 --workers 2 under load while its processes are killed', () => {
  let dataDir: string;
  let run: NpmStart | undefined;
  let api: ApiClient;
  const upstream = new Upstream();

  beforeAll(async () => {
    dataDir = await dataFolder('kill-test-');
    await upstream.start();
    generateTree(upstream, 30);
    const port = await freePort();
    run = await npmStart(
      {
        PULP_PORT: String(port),
        PULP_DATA_DIR: dataDir,
        PULP_ADMIN_PASSWORD: PASSWORD,
        // A dead worker is given up in seconds; a killed worker's message holds its group 20 s.
        WORKER_TTL_SECONDS: '5',
        PULP_SWEEP_INTERVAL_SECONDS: '1',
        PULP_TASK_VISIBILITY_SECONDS: '20',
        PULP_STOP_GRACE_SECONDS: '10',
      },
      ['--api', '2', '--workers', '2'],
    );
    api = apiClient(`http://127.0.0.1:${port}`, PASSWORD);
  });

  afterAll(async () => {
    if (run) await stopWithCtrlC(run);
    await waitForNoProcessesOf(dataDir);
    await upstream.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers ≥ 99.9% of requests, ends every task once, keeps versions consistent and every artifact whole', { timeout: LOAD_SECONDS * 1000 + SETTLE_TIMEOUT_MS + 300_000 }, async () => {
    // Prepare: repositories with a remote each; the first synced, published and distributed
    const repositories = [];
    for (let i = 0; i < REPOSITORIES; i++) {
      const remote = await createRemote(api, { name: `upstream-${i}`, url: upstream.manifestUrl });
      repositories.push({ href: (await createRepository(api, { name: `repo-${i}`, remote: remote.pulp_href })).pulp_href as string });
    }
    await sync(api, repositories[0]!.href);
    await distribute(api, { name: 'served', base_path: 'served', publication: await publish(api, repositories[0]!.href) });
    const served = { basePath: 'served', files: new Map(upstream.files) };

    // Act
    const client = new LoadClient(api);
    const startedAt = Date.now();
    const stop = () => Date.now() - startedAt > LOAD_SECONDS * 1000;
    const [outcome, faults] = await Promise.all([
      runMixedLoad(client, { repositories, served, upstream }, { clients: CLIENTS, maxRequests: MAX_REQUESTS, stop }),
      injectFaults(run!, KILL_EVERY_MS, stop, startedAt),
    ]);
    const loadSeconds = (Date.now() - startedAt) / 1000;
    const settledAfter = await waitUntilAllFinal(api, SETTLE_TIMEOUT_MS);
    const tasks = await checkTasks(api, outcome.tasks);
    const versions = await checkVersions(api);
    const artifacts = await checkArtifacts(api, join(dataDir, 'storage'));

    // Assess
    const figures = client.figures;
    const successRate = figures.succeeded / figures.requests;
    const report = {
      loadSeconds: Math.round(loadSeconds),
      clients: CLIENTS,
      requests: figures.requests,
      succeeded: figures.succeeded,
      failed: figures.failed,
      successRatePercent: Math.round(successRate * 100_000) / 1000,
      retriesOfIdempotentRequests: figures.retries,
      byKind: figures.byKind,
      faultsInjected: faults.length,
      faults,
      tasksDispatchedByTheLoad: outcome.tasks.length,
      tasksNotFinalWithin120s: outcome.notFinalInTime.length,
      tasks: { total: tasks.total, byState: tasks.byState, failureReasons: tasks.failures },
      allTasksFinalAfterLoadSeconds: settledAfter,
      repositoryVersionsChecked: versions.versions,
      artifactsChecked: artifacts.artifacts,
      wrongBytesServed: outcome.wrongBytes.length,
      requestFailures: figures.failures,
      problems: [...tasks.problems, ...versions.problems, ...artifacts.problems],
    };
    console.log(`kill test figures:\n${JSON.stringify(report, null, 2)}`);
    expect(faults.length, 'faults injected').toBeGreaterThanOrEqual(2);
    expect(faults.every((f) => f.restartedAfter !== undefined), 'every killed process restarted').toBe(true);
    expect(settledAfter, `tasks still not final ${SETTLE_TIMEOUT_MS / 1000} s after the load: ${JSON.stringify(tasks.byState)}`).toBeDefined();
    // A version "created by no task" next to a task failed as "Worker has gone missing" is the
    // task system, not this runner: the file plugin commits the version, then records it in
    // created_resources in a separate statement (RunningTaskContext.created), so a worker killed
    // between the two leaves the change applied and the task failed by the sweeper.
    expect(tasks.problems, 'task problems (not final, run twice, versions without a task: see the comment above)').toEqual([]);
    expect(versions.problems).toEqual([]);
    expect(artifacts.problems).toEqual([]);
    expect(outcome.wrongBytes).toEqual([]);
    expect(successRate, `success rate; failures: ${figures.failures.join('\n')}`).toBeGreaterThanOrEqual(0.999);
  });
});
