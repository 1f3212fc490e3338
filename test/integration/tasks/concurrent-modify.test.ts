import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepository, ensureFileUnits, get, json } from '../../support/file-api';
import { waitForTask } from '../../support/tasks';
import { startTestStack, type TestStack } from '../../support/test-stack';

const REQUESTS = 50;

describe('50 concurrent modify requests on one repository', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack('concurrent-modify', { workers: 4 });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('completes every one, numbers versions 1..N without gaps, loses nothing, never overlaps', { timeout: 240_000 }, async () => {
    // Prepare
    const repo = await createRepository(stack, 'busy');
    const units = await ensureFileUnits(
      stack.app,
      Array.from({ length: REQUESTS }, (_, i) => ({ relativePath: `f/${i}.txt`, sha256: i.toString(16).padStart(64, '0'), size: i, artifactId: null })),
    );
    // Act: all at once, like 50 clients.
    const responses = await Promise.all(
      units.map((u) =>
        stack.api(`${repo.pulp_href}modify/`, { method: 'POST', body: { add_content_units: [`/pulp/api/v3/content/file/files/${u.id}/`] } }),
      ),
    );
    const hrefs = await Promise.all(responses.map(async (r) => (await json(r)).task as string));
    const tasks = await Promise.all(hrefs.map((h) => waitForTask(stack, h, 200_000, 250)));
    // Assess
    expect(responses.map((r) => r.status)).toEqual(Array(REQUESTS).fill(202));
    expect(tasks.map((t) => t.state)).toEqual(Array(REQUESTS).fill('completed'));
    const versions = await get(stack, `${repo.pulp_href}versions/?limit=100`);
    expect(versions.count).toBe(REQUESTS + 1);
    expect((versions.results as Array<{ number: number }>).map((v) => v.number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: REQUESTS + 1 }, (_, i) => i),
    );
    const latest = await get(stack, `${repo.pulp_href}versions/${REQUESTS}/`);
    expect(latest.content_summary.present['file.file'].count).toBe(REQUESTS);
    const intervals = tasks
      .map((t) => [Date.parse(t.started_at), Date.parse(t.finished_at), t.started_at, t.finished_at] as const)
      .sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < intervals.length; i++) {
      // µs-precision strings compare in time order; each starts after the previous finished.
      expect(intervals[i]![2] >= intervals[i - 1]![3]).toBe(true);
    }
  });
});
