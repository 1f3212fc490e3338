// `npm run bench:peer`: the same REST requests against our local stack and against pulpcore
// 3.123.1 (installed into bench/.peer/venv), one server at a time on this machine, with wall
// time and each server's CPU-seconds per phase. Writes bench/results/peer.json and prints a
// markdown table. Data lives under /tmp/peer-bench (PEER_DIR), ports in 47100-47199.
import { createHash, randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Upstream } from '../../test/integration/file/support/upstream';
import { writeResult } from '../support';
import { ensurePulpcore, PULPCORE_VERSION } from './install';
import { OURS_PASSWORD, startOurs } from './ours-server';
import { measurePhase, type PhaseResult } from './phase';
import { freePorts } from './ports';
import { PulpClient } from './pulp-client';
import { PULPCORE_PASSWORD, startPulpcore, type RunningServer } from './pulpcore-server';
import { markdownTable, ratios } from './report';
import { concurrentTasks, createRepositories } from './workloads/concurrent-tasks';
import { getContent, type ServedFile } from './workloads/content-get';
import { listLatency } from './workloads/list-latency';
import { distribute, publish } from './workloads/publish';
import { createSyncTarget, syncOnce } from './workloads/sync';

const env = process.env;
const int = (name: string, fallback: number) => (env[name] ? Number.parseInt(env[name]!, 10) : fallback);
const FILES = int('PEER_FILES', 5_000);
const FILE_BYTES = 4096;
const LIST_UNITS = Math.max(FILES, int('PEER_LIST_UNITS', FILES));
const GETS = int('PEER_GETS', 400);
const GET_CONCURRENCY = 16;
const TASKS = int('PEER_TASKS', 200);
const TASK_REPOS = 20;
const TASK_CLIENTS = 10;
const LIST_REPEATS = 20;
const SERVERS = (env.PEER_SERVERS ?? 'pulpcore,ours,ours-direct').split(',').map((s) => s.trim());
const ROOT = path.resolve(env.PEER_DIR ?? '/tmp/peer-bench');
/** Only these phases (a comma list, e.g. `sync`); results then go to bench/results/peer-partial.json. */
const ONLY = env.PEER_PHASES ? new Set(env.PEER_PHASES.split(',').map((s) => s.trim())) : undefined;
/** Where our artifacts live: `fs` (as `npm start` keeps them, and as pulpcore does here) or `s3` (the emulator's bucket). */
const STORAGE = env.PEER_STORAGE === 's3' ? 's3' : 'fs';
/** A folder for V8 CPU profiles of our stack's process (`--cpu-prof`), written when it stops. */
const PROFILE_DIR = env.PEER_PROFILE_DIR ? path.resolve(env.PEER_PROFILE_DIR) : undefined;
// Ports are picked from 47100-47199 as each server starts (see ports.ts).
const taken = new Set<number>();
const log = (msg: string) => console.log(`[peer] ${msg}`);

// One shared upstream for the measured syncs; a second one with small files only tops the
// unit count up to PEER_LIST_UNITS for the list phases.
const upstream = new Upstream();
for (let i = 0; i < FILES; i++) upstream.add(`d${i % 50}/f-${i}.bin`, randomBytes(FILE_BYTES));
const bulk = new Upstream();
for (let i = 0; i < LIST_UNITS - FILES; i++) bulk.add(`b${i % 100}/u-${i}.bin`, randomBytes(256));
const served: ServedFile[] = [...upstream.files].map(([p, d]) => ({ path: p, sha256: createHash('sha256').update(d).digest('hex') }));

let current: RunningServer | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping`);
    void (current?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  });
}

/** Every phase against one server, in order; the server is stopped whatever happens. */
async function benchServer(name: string, server: RunningServer, client: PulpClient, basic: PulpClient): Promise<Record<string, PhaseResult>> {
  const phases: Record<string, PhaseResult> = {};
  const phase = async (key: string, work: Parameters<typeof measurePhase>[1]) => {
    if (ONLY && !ONLY.has(key)) return;
    log(`${name}: ${key}`);
    phases[key] = await measurePhase(server.pids, work);
    log(`${name}: ${key} ${JSON.stringify(phases[key])}`);
  };
  const target = await createSyncTarget(client, 'peer', upstream.manifestUrl);
  let version = '';
  await phase('sync', async () => {
    version = await syncOnce(client, target);
    return { count: FILES, unit: 'files' };
  });
  // Later phases need the synced version whether or not the sync was measured.
  if (!version) version = await syncOnce(client, target);
  const units = (await client.expect(200, `/pulp/api/v3/content/file/files/?repository_version=${encodeURIComponent(version)}&limit=1`)).json.count;
  if (units !== FILES) throw new Error(`${name}: the synced version holds ${units} units, expected ${FILES}`);
  await phase('resync', async () => {
    const again = await syncOnce(client, target);
    return { count: FILES, unit: 'files', extra: { newVersion: again !== version } };
  });
  let publication = '';
  await phase('publish', async () => {
    publication = await publish(client, version);
    return { count: FILES, unit: 'files' };
  });
  const baseUrl = await distribute(client, 'peer', 'peer', publication);
  await phase('content', () => getContent(baseUrl, served, GETS, GET_CONCURRENCY, 300_000));
  if (LIST_UNITS > FILES) {
    const bulkTarget = await createSyncTarget(client, 'bulk', bulk.manifestUrl);
    let synced = false;
    await phase('bulk-sync', async () => {
      await syncOnce(client, bulkTarget);
      synced = true;
      return { count: LIST_UNITS - FILES, unit: 'files' };
    });
    // The list phases need the units whether or not their sync was measured.
    if (!synced) await syncOnce(client, bulkTarget);
  }
  await phase('list-first', () => listLatency(client, LIST_REPEATS, 0, LIST_UNITS));
  await phase('list-deep', () => listLatency(client, LIST_REPEATS, LIST_UNITS - 100, LIST_UNITS));
  await phase('list-first-basic', () => listLatency(basic, LIST_REPEATS, 0, LIST_UNITS));
  const repositories = await createRepositories(client, 'tasks', TASK_REPOS);
  const unitHrefs = (await client.expect(200, `/pulp/api/v3/content/file/files/?limit=${TASKS}`)).json.results.map((u: { pulp_href: string }) => u.pulp_href);
  await phase('tasks', () => concurrentTasks(client, repositories, unitHrefs, TASKS, TASK_CLIENTS, 600_000));
  return phases;
}

async function startOursOn(dir: string, fetchers: number): Promise<RunningServer> {
  const [api, postgres, moto] = await freePorts(3, taken);
  return startOurs(dir, { api: api!, postgres: postgres!, moto: moto! }, fetchers, STORAGE, log, PROFILE_DIR);
}

interface ServerSetup {
  start(): Promise<RunningServer>;
  password: string;
  /** pulpcore re-hashes a Basic password on every request (PBKDF2): its main client logs in. */
  auth: 'basic' | 'session';
}

const setups: Record<string, ServerSetup> = {
  // As the stack ships: sync downloads go through the download queue to fetchers (4 here).
  ours: { start: () => startOursOn(path.join(ROOT, 'ours'), 4), password: OURS_PASSWORD, auth: 'basic' },
  // The fan-out off: the sync task downloads itself, as before the fetchers existed.
  'ours-direct': { start: () => startOursOn(path.join(ROOT, 'ours-direct'), 0), password: OURS_PASSWORD, auth: 'basic' },
  pulpcore: {
    start: async () => startPulpcore(await ensurePulpcore(log), path.join(ROOT, 'pulpcore'), (n) => freePorts(n, taken), log),
    password: PULPCORE_PASSWORD,
    auth: 'session',
  },
};

const results: Record<string, { auth: string; phases?: Record<string, PhaseResult>; error?: string }> = {};
const [upstreamPort, bulkPort] = await freePorts(2, taken);
await upstream.start(upstreamPort);
await bulk.start(bulkPort);
try {
  for (const name of SERVERS) {
    const setup = setups[name];
    if (!setup) throw new Error(`PEER_SERVERS: unknown server "${name}"`);
    await rm(path.join(ROOT, name), { recursive: true, force: true });
    log(`starting ${name}`);
    try {
      current = await setup.start();
      const client = await new PulpClient(current.apiUrl, 'admin', setup.password, setup.auth).login();
      const basic = new PulpClient(current.apiUrl, 'admin', setup.password, 'basic');
      results[name] = { auth: setup.auth, phases: await benchServer(name, current, client, basic) };
    } catch (error) {
      log(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      results[name] = { auth: setup.auth, error: String(error) };
    } finally {
      await current?.stop();
      current = undefined;
      log(`stopped ${name}`);
    }
  }
} finally {
  await upstream.stop();
  await bulk.stop();
}

const settings = {
  files: FILES,
  fileBytes: FILE_BYTES,
  listUnits: LIST_UNITS,
  contentGets: GETS,
  contentConcurrency: GET_CONCURRENCY,
  tasks: TASKS,
  taskRepositories: TASK_REPOS,
  taskClients: TASK_CLIENTS,
  listRepeats: LIST_REPEATS,
  pulpcore: PULPCORE_VERSION,
  oursStorage: STORAGE,
  ...(ONLY ? { phases: [...ONLY] } : {}),
};
// Each of ours against pulpcore: `ratios.ours` and `ratios["ours-direct"]`.
const peer = results.pulpcore?.phases;
const ours = Object.entries(results).filter(([name, r]) => name !== 'pulpcore' && r.phases);
const ratioTable = peer ? Object.fromEntries(ours.map(([name, r]) => [name, ratios(r.phases!, peer)])) : undefined;
const file = await writeResult(ONLY ? 'peer-partial' : 'peer', { settings, servers: results, ratios: ratioTable });
log(`wrote ${file}`);
console.log(markdownTable(Object.fromEntries(Object.entries(results).flatMap(([name, r]) => (r.phases ? [[name, r.phases]] : [])))));
process.exit(Object.values(results).some((r) => r.error) ? 1 : 0);

