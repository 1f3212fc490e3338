// Sync benchmark: a 10,000-file PULP_MANIFEST (small random files from a local node:http
// server) synced with the `immediate` policy on the local stack: every file downloaded,
// verified and written to S3 (moto), then content units and one repository version.
// The floor to meet: under 2 minutes (issue 3).
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { round, startBenchStack, writeResult } from './support';

const FILES = Number(process.env.BENCH_FILES ?? 10_000);
const FILE_BYTES = Number(process.env.BENCH_FILE_BYTES ?? 1024);
const TIMEOUT_MS = 600_000;

const files = new Map<string, Buffer>();
for (let i = 0; i < FILES; i++) files.set(`d${i % 50}/f-${i}.bin`, randomBytes(FILE_BYTES));
const manifest = [...files].map(([p, d]) => `${p},${createHash('sha256').update(d).digest('hex')},${d.length}`).join('\n');
const upstream = createServer((req, res) => {
  const p = decodeURIComponent((req.url ?? '').replace(/^\/repo\//, ''));
  if (p === 'PULP_MANIFEST') return void res.end(manifest);
  const data = files.get(p);
  if (!data) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-length': data.length }).end(data);
});
await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/repo/PULP_MANIFEST`;

const bench = await startBenchStack('sync', 1);
const { stack, api } = bench;

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
try {
  const remote = await api('/pulp/api/v3/remotes/file/file/', 'POST', { name: 'bench', url: upstreamUrl, download_concurrency: 20 });
  if (remote.status !== 201) throw new Error(`remote create: ${JSON.stringify(remote.json)}`);
  // The repository through the domain (the benchmark measures the sync, not CRUD).
  const repo = await stack.app.services.repositories.create({
    pulpType: 'file.file',
    name: 'bench',
    description: null,
    pulpLabels: {},
    retainRepoVersions: null,
    retainCheckpoints: null,
    remoteId: null,
    autopublish: false,
    extra: { manifest: 'PULP_MANIFEST' },
  });
  const rssBefore = process.memoryUsage().rss;
  const started = Date.now();
  const dispatched = await api(`/pulp/api/v3/repositories/file/file/${repo.id}/sync/`, 'POST', { remote: remote.json.pulp_href });
  if (dispatched.status !== 202) throw new Error(`sync: ${JSON.stringify(dispatched.json)}`);
  let task: Record<string, any> = {};
  while (Date.now() - started < TIMEOUT_MS) {
    task = (await api(dispatched.json.task)).json;
    if (['completed', 'failed', 'canceled'].includes(task.state)) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const wall = (Date.now() - started) / 1000;
  if (task.state !== 'completed') throw new Error(`sync ${task.state}: ${JSON.stringify(task.error)}`);
  const phases = Object.fromEntries(
    ['started_at', 'finished_at'].map((k) => [k, task[k]]),
  );
  const count = (await stack.app.data.versions.counts(repo.id, 1)).present['file.file'] ?? 0;
  // Page through the version's content as pulp-cli would (limit 1000), checking nothing repeats or goes missing.
  const versionHref = `/pulp/api/v3/repositories/file/file/${repo.id}/versions/1/`;
  const seen = new Set<string>();
  const pageMs: number[] = [];
  let pageCount = -1;
  for (let offset = 0; offset < FILES + 1000; offset += 1000) {
    const t = Date.now();
    const page = await api(`/pulp/api/v3/content/file/files/?repository_version=${encodeURIComponent(versionHref)}&limit=1000&offset=${offset}`);
    pageMs.push(Date.now() - t);
    pageCount = page.json.count;
    for (const unit of page.json.results as Array<{ pulp_href: string }>) seen.add(unit.pulp_href);
    if (!page.json.next) break;
  }
  // A second, unchanged sync: optimize should skip it.
  const t1 = Date.now();
  const again = await api(`/pulp/api/v3/repositories/file/file/${repo.id}/sync/`, 'POST', { remote: remote.json.pulp_href });
  let second: Record<string, any> = {};
  while (Date.now() - t1 < TIMEOUT_MS) {
    second = (await api(again.json.task)).json;
    if (['completed', 'failed', 'canceled'].includes(second.state)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const result = {
    files: FILES,
    fileBytes: FILE_BYTES,
    downloadConcurrency: 20,
    wallSeconds: round(wall, 2),
    taskSeconds: round((Date.parse(task.finished_at) - Date.parse(task.started_at)) / 1000, 2),
    filesPerSecond: round(FILES / wall),
    unitsInVersion1: count,
    listing: { count: pageCount, distinctUnitsPaged: seen.size, pages: pageMs.length, pageMsMax: Math.max(...pageMs), pageMsTotal: pageMs.reduce((a, b) => a + b, 0) },
    peakRssMiB: round(peakRss / 2 ** 20),
    rssBeforeSyncMiB: round(rssBefore / 2 ** 20),
    progressReports: task.progress_reports,
    phases,
    unchangedResyncSeconds: round((Date.now() - t1) / 1000, 2),
    unchangedResyncSkipped: (second.progress_reports ?? []).some((r: { code: string }) => r.code === 'sync.was_skipped'),
    underTwoMinutes: wall < 120,
  };
  console.log(JSON.stringify(result, null, 2));
  const file = await writeResult('sync-10k', {
    note:
      'immediate policy; upstream = node:http on loopback; S3 = moto; Postgres = embedded; everything (stack, worker, upstream, bench) in ONE process on a 2-core machine shared with other engineers. Peak RSS is that whole process.',
    ...result,
  });
  console.log(`wrote ${file}`);
} finally {
  clearInterval(sampler);
  await bench.stop();
  upstream.closeAllConnections();
  upstream.close();
}
process.exit(0);
