// Python benchmarks on the local stack:
// 1. The index page of one project with 1,000 files (`/pypi/<bp>/simple/<name>/`), JSON as pip
//    asks and HTML, each fetched many times in a row: p50/p99, and a 304 revalidation.
//    The floor: p99 under 50 ms (issue 10).
// 2. A 5,000-file sync (500 projects, 5 releases, a wheel and an sdist each) from a local static PEP 503 index (with PEP 658 .metadata), immediate
//    (every file downloaded, verified, stored) and on_demand; files/s beside the file type's
//    immediate sync of as many files of the same sizes, run in the same process right after.
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import os from 'node:os';
import { fieldsFromIndex } from '../layers/plugins/python/content/package-fields';
import { closeServer, listenLocal } from '../test/support/local-server';
import { PythonIndexServer } from '../test/support/python-index-server';
import { percentile, round, startBenchStack, writeResult } from './support';

const PAGE_FILES = Number(process.env.BENCH_PAGE_FILES ?? 1000);
const PAGE_REQUESTS = Number(process.env.BENCH_PAGE_REQUESTS ?? 300);
const SYNC_PROJECTS = Number(process.env.BENCH_SYNC_PROJECTS ?? 500);
const SYNC_VERSIONS = Number(process.env.BENCH_SYNC_VERSIONS ?? 5);
const TIMEOUT_MS = 900_000;
const PIP_ACCEPT = 'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html; q=0.1, text/html; q=0.01';
// A README-sized description, as real packages carry (the page does not show it; the store reads it).
const DESCRIPTION = `# A project\n\n${'Some words about what it does and how to use it. '.repeat(40)}\n`;

const bench = await startBenchStack('python', 1);
const { stack, api } = bench;

async function waitTask(href: string): Promise<Record<string, any>> {
  const started = Date.now();
  for (;;) {
    const task = (await api(href)).json;
    if (['completed', 'failed', 'canceled'].includes(task.state)) return task;
    if (Date.now() - started > TIMEOUT_MS) throw new Error(`task ${href} did not finish`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function timed(url: string, headers: Record<string, string>, n: number): Promise<{ ms: number[]; bytes: number; etag: string | null }> {
  const ms: number[] = [];
  let bytes = 0;
  let etag: string | null = null;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await fetch(url, { headers });
    const body = await res.arrayBuffer();
    ms.push(performance.now() - t);
    if (res.status !== 200 && res.status !== 304) throw new Error(`${url}: HTTP ${res.status}`);
    bytes = body.byteLength;
    etag = res.headers.get('etag');
  }
  return { ms, bytes, etag };
}

const stats = (ms: number[]) => ({ requests: ms.length, p50Ms: round(percentile(ms, 50), 2), p99Ms: round(percentile(ms, 99), 2), maxMs: round(Math.max(...ms), 2) });

async function indexPage(): Promise<Record<string, unknown>> {
  const units = await stack.app.services.content.ensure(
    Array.from({ length: PAGE_FILES }, (_, i) => {
      const version = `1.${Math.floor(i / 2)}.0`;
      const filename = i % 2 ? `big_project-${version}.tar.gz` : `big_project-${version}-py3-none-any.whl`;
      const sha256 = i.toString(16).padStart(64, 'e');
      const fields = fieldsFromIndex(
        { filename, packagetype: i % 2 ? 'sdist' : 'bdist_wheel', project: 'Big-Project', version, sha256, size: 12_345, pythonVersion: i % 2 ? 'source' : 'py3', requiresPython: '>=3.8', uploadTime: '2024-05-01T12:00:00Z', yanked: false, yankedReason: '' },
        i % 2 ? '' : i.toString(16).padStart(64, 'f'),
        null,
      );
      return { pulpType: 'python.python', fields: { ...fields, summary: 'A project with many releases', description: DESCRIPTION }, relativePath: filename, artifactId: null };
    }),
  );
  const repo = await stack.app.services.repositories.create({ pulpType: 'python.python', name: 'big', description: null, pulpLabels: {}, retainRepoVersions: null, retainCheckpoints: null, remoteId: null, autopublish: false, extra: { allow_package_substitution: true } });
  await stack.app.services.versions.create(repo.id, { add: units.map((u) => u.id) });
  const dist = await api('/pulp/api/v3/distributions/python/pypi/', 'POST', { name: 'big', base_path: 'bench/big', repository: `/pulp/api/v3/repositories/python/python/${repo.id}/` });
  await waitTask(dist.json.task);
  const url = `${stack.url}/pypi/bench/big/simple/big-project/`;
  // The first request of each type renders the page from the database; the rest are served
  // from the process's cache of this version's pages (what a warm Lambda does).
  const coldJson = await timed(url, { accept: PIP_ACCEPT }, 1);
  const coldHtml = await timed(url, {}, 1);
  const json = await timed(url, { accept: PIP_ACCEPT }, PAGE_REQUESTS);
  const html = await timed(url, {}, PAGE_REQUESTS);
  const revalidated = await timed(url, { accept: PIP_ACCEPT, 'if-none-match': json.etag ?? '' }, PAGE_REQUESTS);
  return {
    files: PAGE_FILES,
    firstRenderMs: { json: round(coldJson.ms[0]!, 1), html: round(coldHtml.ms[0]!, 1) },
    json: { ...stats(json.ms), bytes: json.bytes },
    html: { ...stats(html.ms), bytes: html.bytes },
    revalidated304: stats(revalidated.ms),
    p99UnderFiftyMs: percentile(json.ms, 99) < 50 && percentile(html.ms, 99) < 50,
  };
}

async function syncOnce(upstreamUrl: string, policy: string): Promise<Record<string, unknown>> {
  const remote = await api('/pulp/api/v3/remotes/python/python/', 'POST', { name: `bench-${policy}`, url: upstreamUrl, policy, download_concurrency: 20 });
  if (remote.status !== 201) throw new Error(`remote: ${JSON.stringify(remote.json)}`);
  const repo = await api('/pulp/api/v3/repositories/python/python/', 'POST', { name: `sync-${policy}` });
  const started = Date.now();
  const dispatched = await api(`${repo.json.pulp_href}sync/`, 'POST', { remote: remote.json.pulp_href });
  const task = await waitTask(dispatched.json.task);
  const wall = (Date.now() - started) / 1000;
  if (task.state !== 'completed') throw new Error(`sync ${task.state}: ${JSON.stringify(task.error)}`);
  const version = (await api(`${repo.json.pulp_href}versions/1/`)).json;
  const files = version.content_summary.present['python.python'].count as number;
  return { policy, files, wallSeconds: round(wall, 2), filesPerSecond: round(files / wall), progressReports: task.progress_reports };
}

/**
 * The file type's `immediate` sync of as many files of the same sizes (other bytes, so none is
 * stored yet) from a PULP_MANIFEST, run in the same process: the comparison under the same load.
 */
async function fileTypeSync(sizes: number[]): Promise<Record<string, unknown>> {
  const files = new Map(sizes.map((size, i) => [`packages/f-${i}.bin`, randomBytes(size)]));
  const manifest = [...files].map(([p, d]) => `${p},${createHash('sha256').update(d).digest('hex')},${d.length}`).join('\n');
  const server = createServer((req, res) => {
    const path = (req.url ?? '').slice(1);
    if (path === 'PULP_MANIFEST') return void res.end(manifest);
    const data = files.get(path);
    if (!data) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-length': data.length }).end(data);
  });
  const url = await listenLocal(server);
  try {
    const remote = await api('/pulp/api/v3/remotes/file/file/', 'POST', { name: 'bench-file', url: `${url}/PULP_MANIFEST`, policy: 'immediate', download_concurrency: 20 });
    const repo = await api('/pulp/api/v3/repositories/file/file/', 'POST', { name: 'bench-file' });
    const started = Date.now();
    const task = await waitTask((await api(`${repo.json.pulp_href}sync/`, 'POST', { remote: remote.json.pulp_href })).json.task);
    const wall = (Date.now() - started) / 1000;
    if (task.state !== 'completed') throw new Error(`file sync ${task.state}: ${JSON.stringify(task.error)}`);
    return { policy: 'immediate', files: files.size, wallSeconds: round(wall, 2), filesPerSecond: round(files.size / wall) };
  } finally {
    await closeServer(server);
  }
}

async function sync(): Promise<Record<string, unknown>> {
  const upstream = await new PythonIndexServer({ metadata: true }).start();
  for (let p = 0; p < SYNC_PROJECTS; p++) {
    for (let v = 0; v < SYNC_VERSIONS; v++) upstream.addSpec({ name: `bench-project-${p}`, version: `1.${v}` });
  }
  try {
    const onDemand = await syncOnce(upstream.url, 'on_demand');
    const fileHitsBefore = upstream.fileHits();
    const immediate = await syncOnce(upstream.url, 'immediate');
    const downloaded = upstream.fileHits() - fileHitsBefore;
    const fileType = await fileTypeSync(upstream.dists.map((d) => d.dist.bytes.length));
    return {
      upstreamFiles: upstream.dists.length,
      projects: SYNC_PROJECTS,
      metadataFiles: upstream.dists.filter((d) => d.metadata).length,
      onDemand,
      immediate: { ...immediate, filesDownloaded: downloaded },
      fileTypeImmediate: fileType,
    };
  } finally {
    await upstream.stop();
  }
}



const loadAtStart = os.loadavg().map((l) => round(l, 2));
try {
  const page = await indexPage();
  console.log(JSON.stringify(page, null, 2));
  const synced = await sync();
  console.log(JSON.stringify({ ...synced, onDemand: { ...(synced.onDemand as object), progressReports: undefined }, immediate: { ...(synced.immediate as object), progressReports: undefined } }, null, 2));
  const file = await writeResult('python', {
    // The machine is shared: its load during the run says how much the numbers are worth.
    loadAverage: { atStart: loadAtStart, atEnd: os.loadavg().map((l) => round(l, 2)) },
    note:
      'local stack: Postgres embedded, S3 = moto, the static upstream index in the same process; everything (stack, worker, upstream, client) in ONE process on a 2-core machine shared with other engineers.',
    indexPage: page,
    sync: synced,
  });
  console.log(`wrote ${file}`);
} finally {
  await bench.stop();
}
process.exit(0);
