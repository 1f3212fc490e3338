import { createHash } from 'node:crypto';
import type { WorkDone } from '../phase';
import { runBounded, summarize } from '../latency';

export interface ServedFile {
  path: string;
  sha256: string;
}

/**
 * GETs of published files under a distribution's base URL, redirects followed to the bytes
 * (ours answers 302 to a signed artifact URL; pulpcore streams), each body's digest checked.
 */
export async function getContent(baseUrl: string, files: ServedFile[], requests: number, concurrency: number, timeBoundMs: number): Promise<WorkDone> {
  const latencies: number[] = [];
  let redirected = 0;
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const done = await runBounded(requests, concurrency, Date.now() + timeBoundMs, async (i) => {
    const file = files[(i * 7919) % files.length]!;
    const url = base + file.path.split('/').map(encodeURIComponent).join('/');
    const started = performance.now();
    const res = await fetch(url, { redirect: 'follow' });
    const body = Buffer.from(await res.arrayBuffer());
    latencies.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`GET ${url}: HTTP ${res.status}`);
    if (res.redirected) redirected++;
    const digest = createHash('sha256').update(body).digest('hex');
    if (digest !== file.sha256) throw new Error(`GET ${url}: wrong bytes (sha256 ${digest})`);
  });
  return { count: done, unit: 'GETs', extra: { ...summarize(latencies), concurrency, redirected } };
}
