// Content app benchmark: the hot path of `/pulp/content/` on the local stack (real Lambda
// handler behind the local HTTP shim, embedded Postgres, moto S3), against 127.0.0.1 only.
// Setup through the real API: a repository synced from a loopback node:http upstream
// (~1,000 small files in 20 directories), a publication and a distribution. Then, at
// concurrency 1 and 16, a bounded load loop per case:
//   file-get      GET  <base>/<file>  -> 302 to /artifacts/<sha256> (redirect NOT followed)
//   file-head     HEAD <base>/<file>  -> 302
//   dir-listing   GET  <base>/dN/     -> 200 HTML index (50 entries)
//   pulp-manifest GET  <base>/PULP_MANIFEST -> 200 (bytes read from S3 by the function)
// Pulp's published anchor: 625 req/s per worker-CPU with Redis, 108 without;
// p95 <= 70 ms; redirect to object storage not followed.
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { percentile, round, startBenchStack, writeResult } from './support';

const FILES = Number(process.env.BENCH_FILES ?? 1_000);
const FILE_BYTES = Number(process.env.BENCH_FILE_BYTES ?? 1024);
const DIRS = 20;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 5_000);
const CONCURRENCY = (process.env.BENCH_CONCURRENCY ?? '1,16').split(',').map(Number);
const CASE_CAP_MS = 60_000;
const WARMUP = 200;
const LABEL = process.env.BENCH_LABEL ?? 'run';
const HOST = '127.0.0.1';

// ---- CPU accounting: this process (bench client + Lambda handler + local HTTP shim) and its
// descendants (embedded Postgres backends, moto), from /proc (Linux only; 0 elsewhere).
const TICK_MS = 1000 / 100; // USER_HZ is 100 on Linux
function procStat(pid: number): { ppid: number; cpuMs: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After "(comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
    return { ppid: Number(fields[1]), cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS };
  } catch {
    return undefined;
  }
}
function descendantsCpuMs(): number {
  let pids: number[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  } catch {
    return 0;
  }
  const stats = new Map<number, { ppid: number; cpuMs: number }>();
  for (const pid of pids) {
    const s = procStat(pid);
    if (s) stats.set(pid, s);
  }
  const children = new Map<number, number[]>();
  for (const [pid, s] of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  let total = 0;
  const queue = [...(children.get(process.pid) ?? [])];
  while (queue.length) {
    const pid = queue.pop()!;
    total += stats.get(pid)?.cpuMs ?? 0;
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}
const selfCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

// ---- The load loop: `concurrency` keep-alive connections, REQUESTS requests or CASE_CAP_MS.
interface Target {
  method: 'GET' | 'HEAD';
  path: () => string;
  expect: number;
}
async function load(origin: string, target: Target, concurrency: number, requests: number) {
  const { port } = new URL(origin);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const one = () =>
    new Promise<number>((resolve, reject) => {
      const req = request({ host: HOST, port, method: target.method, path: target.path(), agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  // Warm-up (connections, JIT, pools) outside the measurement.
  for (let i = 0; i < Math.min(WARMUP, requests); i += concurrency) await Promise.all(Array.from({ length: concurrency }, one));
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let issued = 0;
  const cpu0 = selfCpuMs();
  const children0 = descendantsCpuMs();
  const t0 = performance.now();
  const deadline = t0 + CASE_CAP_MS;
  const loop = async () => {
    while (issued < requests && performance.now() < deadline) {
      issued++;
      const start = performance.now();
      let status: number;
      try {
        status = await one();
      } catch {
        status = 0;
      }
      latencies.push(performance.now() - start);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status !== target.expect) errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  const wallS = (performance.now() - t0) / 1000;
  const cpuS = (selfCpuMs() - cpu0) / 1000;
  const childrenS = (descendantsCpuMs() - children0) / 1000;
  agent.destroy();
  const n = latencies.length;
  return {
    concurrency,
    /** 1-minute load average when the case ended: the machine is shared. */
    loadAverage1m: round(os.loadavg()[0]!, 2),
    requests: n,
    cappedByTime: n < requests,
    wallSeconds: round(wallS, 2),
    requestsPerSecond: round(n / wallS),
    latencyMs: {
      p50: round(percentile(latencies, 50), 2),
      p95: round(percentile(latencies, 95), 2),
      p99: round(percentile(latencies, 99), 2),
      max: round(Math.max(...latencies), 2),
    },
    statuses,
    errors,
    cpu: {
      /** This process: client + local HTTP shim + the content Lambda handler. */
      processSeconds: round(cpuS, 2),
      /** Postgres backends and moto (children of this process). */
      childrenSeconds: round(childrenS, 2),
      processMsPerRequest: round((cpuS * 1000) / n, 3),
      childrenMsPerRequest: round((childrenS * 1000) / n, 3),
      requestsPerProcessCpuSecond: round(n / cpuS),
      requestsPerTotalCpuSecond: round(n / (cpuS + childrenS)),
    },
  };
}

// ---- Setup: upstream, stack, sync, publish, distribute (through the API).
const files = new Map<string, Buffer>();
for (let i = 0; i < FILES; i++) files.set(`d${i % DIRS}/f-${i}.bin`, randomBytes(FILE_BYTES));
const manifest = [...files].map(([p, d]) => `${p},${createHash('sha256').update(d).digest('hex')},${d.length}`).join('\n');
const upstream = createServer((req, res) => {
  const p = decodeURIComponent((req.url ?? '').replace(/^\/repo\//, ''));
  if (p === 'PULP_MANIFEST') return void res.end(manifest);
  const data = files.get(p);
  if (!data) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-length': data.length }).end(data);
});
await new Promise<void>((r) => upstream.listen(0, HOST, r));
const upstreamUrl = `http://${HOST}:${(upstream.address() as AddressInfo).port}/repo/PULP_MANIFEST`;

const bench = await startBenchStack('content', 1);
const { stack, api } = bench;
if (new URL(stack.url).hostname !== HOST) throw new Error(`refusing to load anything but ${HOST}: ${stack.url}`);
const waitTask = async (href: string) => {
  const started = Date.now();
  while (Date.now() - started < 300_000) {
    const task = (await api(href)).json;
    if (task.state === 'completed') return task;
    if (['failed', 'canceled'].includes(task.state)) throw new Error(`task ${task.state}: ${JSON.stringify(task.error)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`task ${href} timed out`);
};
const created = async (p: string, body: unknown, kind: string) => {
  const res = await api(p, 'POST', body);
  if (res.status !== 202 && res.status !== 201) throw new Error(`${p}: ${res.status} ${JSON.stringify(res.json)}`);
  if (res.status === 201) return res.json.pulp_href as string;
  const task = await waitTask(res.json.task);
  return (task.created_resources as string[]).find((h) => h.includes(kind))!;
};

try {
  const setupStarted = Date.now();
  const remote = await created('/pulp/api/v3/remotes/file/file/', { name: 'bench', url: upstreamUrl, download_concurrency: 20 }, 'remotes');
  const repo = await created('/pulp/api/v3/repositories/file/file/', { name: 'bench', remote }, 'repositories');
  await waitTask((await api(`${repo}sync/`, 'POST', {})).json.task);
  const publication = await created('/pulp/api/v3/publications/file/file/', { repository: repo }, 'publications');
  const basePath = 'bench/files';
  await created('/pulp/api/v3/distributions/file/file/', { name: 'bench', base_path: basePath, publication }, 'distributions');
  const setupSeconds = (Date.now() - setupStarted) / 1000;

  const base = `/pulp/content/${basePath}/`;
  const names = [...files.keys()];
  const pick = () => names[Math.floor(Math.random() * names.length)]!;
  // Sanity: each case answers what we expect before we time it.
  const probe = await fetch(new URL(`${base}${pick()}`, stack.url), { redirect: 'manual' });
  if (probe.status !== 302 || !probe.headers.get('location')?.includes('/artifacts/')) throw new Error(`probe: ${probe.status}`);

  const cases: Record<string, Target> = {
    'file-get': { method: 'GET', path: () => `${base}${pick()}`, expect: 302 },
    'file-head': { method: 'HEAD', path: () => `${base}${pick()}`, expect: 302 },
    'dir-listing': { method: 'GET', path: () => `${base}d${Math.floor(Math.random() * DIRS)}/`, expect: 200 },
    'pulp-manifest': { method: 'GET', path: () => `${base}PULP_MANIFEST`, expect: 200 },
  };
  // Calibration: the same client against a trivial in-process node:http 302 server, so the
  // client's own CPU share can be subtracted from the process CPU above.
  const trivial = createServer((_req, res) => res.writeHead(302, { location: 'http://127.0.0.1/x' }).end());
  await new Promise<void>((r) => trivial.listen(0, HOST, r));
  const trivialOrigin = `http://${HOST}:${(trivial.address() as AddressInfo).port}`;

  // What Postgres and moto burn with no requests at all (SQS long polls from the task
  // workers, heartbeats): part of childrenSeconds in every case.
  const loadAverageAtStart = os.loadavg().map((l) => round(l, 2));
  const idle0 = descendantsCpuMs();
  await new Promise((r) => setTimeout(r, 5000));
  const idleChildrenCpuMsPerSecond = round((descendantsCpuMs() - idle0) / 5, 1);

  const results: Record<string, unknown[]> = {};
  const calibration: unknown[] = [];
  for (const concurrency of CONCURRENCY) {
    calibration.push(await load(trivialOrigin, { method: 'GET', path: () => `/${pick()}`, expect: 302 }, concurrency, REQUESTS));
    for (const [name, target] of Object.entries(cases)) {
      const r = await load(stack.url, target, concurrency, REQUESTS);
      console.log(name, JSON.stringify(r));
      (results[name] ??= []).push(r);
    }
  }
  trivial.close();

  const run = {
    label: LABEL,
    files: FILES,
    fileBytes: FILE_BYTES,
    requestsPerCase: REQUESTS,
    caseCapSeconds: CASE_CAP_MS / 1000,
    setupSeconds: round(setupSeconds, 2),
    loadAverageAtStart,
    idleChildrenCpuMsPerSecond,
    cases: results,
    clientCalibration: calibration,
  };
  // Keep earlier runs (e.g. before/after a change) side by side under their labels.
  let runs: Record<string, unknown> = {};
  try {
    runs = JSON.parse(readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), 'results', 'content.json'), 'utf8')).results.runs ?? {};
  } catch {
    /* first run */
  }
  runs[LABEL] = run;
  const file = await writeResult('content', {
    note:
      'Local stack: the content Lambda handler in-process behind the local HTTP shim (one Node process = bench client + shim + handler, pg pool of 10), embedded Postgres and moto as child processes; ALL of them share one 2-core machine (shared with other engineers), so client, server, Postgres and moto compete for the same 2 CPUs. Requests over keep-alive HTTP/1.1 to 127.0.0.1; redirects not followed. cpu.processSeconds = process.cpuUsage() of this process (client + server); cpu.childrenSeconds = Postgres backends + moto from /proc. clientCalibration = the same client against a trivial node:http 302 server: subtract its processMsPerRequest to estimate the server-side share. requestsPerTotalCpuSecond (process + Postgres + moto) is the figure closest to Pulp\'s per-CPU numbers, which count only the content worker (Postgres/Redis on other cores).',
    anchor: {
      pulpRedirectPerWorkerCpuWithRedis: 625,
      pulpRedirectPerWorkerCpuNoCache: 108,
      pulpP95Ms: 70,
      source: 'Pulp content-app load test (m4.2xlarge, pulpcore 3.22, Locust 16 workers, redirect not followed)',
    },
    runs,
  });
  console.log(`wrote ${file}`);
} finally {
  await bench.stop();
  upstream.closeAllConnections();
  upstream.close();
}
process.exit(0);
