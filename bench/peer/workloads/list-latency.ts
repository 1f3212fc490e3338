import type { WorkDone } from '../phase';
import type { PulpClient } from '../pulp-client';
import { summarize } from '../latency';

/**
 * `GET /pulp/api/v3/content/file/files/?limit=100`, sequentially, at the first page or at
 * `offset`; checks the count it reports.
 */
export async function listLatency(client: PulpClient, repeats: number, offset: number, expectCount: number): Promise<WorkDone> {
  const latencies: number[] = [];
  let count = 0;
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    const page = await client.expect(200, `/pulp/api/v3/content/file/files/?limit=100&offset=${offset}`);
    latencies.push(performance.now() - started);
    count = page.json.count;
    if ((page.json.results as unknown[]).length !== Math.min(100, count - offset)) throw new Error(`page at offset ${offset} has ${page.json.results.length} results`);
  }
  if (count < expectCount) throw new Error(`the list counts ${count} units, expected at least ${expectCount}`);
  return { count: repeats, unit: 'pages', extra: { ...summarize(latencies), offset, unitsListed: count, auth: client.auth } };
}
