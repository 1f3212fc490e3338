import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEADLINE_RESERVE_MS } from '../../../layers/core/download/fetcher';
import { PythonIndexServer } from '../../support/python-index-server';
import { startTestStack, type TestStack, type TestStackOptions } from '../../support/test-stack';
import { createRemote, createRepository, filenames, sync } from './support/python-api';

const PROJECTS = 8;
const expectedFiles = Array.from({ length: PROJECTS }, (_, i) => [`paged_${i}-1.0-py3-none-any.whl`, `paged_${i}-1.0.tar.gz`]).flat().sort();

describe.each([
  { how: 'in the task (no fetchers)', options: { fetchers: 0, fanOut: false } as TestStackOptions, json: false, deliveries: 1 },
  // Each fetcher invocation has about a second before its reserve: at 300 ms a page, a job of
  // eight pages (one slot) is read over several deliveries, handing back what it had no time for.
  { how: 'through fetchers that run short of time', options: { fetchers: 2, fanOut: true, fetcherTimeoutMs: DEADLINE_RESERVE_MS + 1000 } as TestStackOptions, json: false, deliveries: 3 },
  { how: 'through fetchers, from PyPI’s JSON API', options: { fetchers: 2, fanOut: true } as TestStackOptions, json: true, deliveries: 1 },
])('a python sync reading its project pages $how', ({ options, json, deliveries }) => {
  let stack: TestStack;
  let upstream: PythonIndexServer;

  beforeAll(async () => {
    stack = await startTestStack(`python-pages-${options.fetchers}-${json}`, options);
    upstream = await new PythonIndexServer({ jsonApiOnly: json, pageDelayMs: 300 }).start();
    for (let i = 0; i < PROJECTS; i++) upstream.addSpec({ name: `paged-${i}`, version: '1.0' });
  });

  afterAll(async () => {
    await upstream?.stop();
    await stack?.stop();
  });

  it('takes every project’s files, reading each page once, and skips a project the upstream lacks', { timeout: 120_000 }, async () => {
    // Prepare
    const includes = [...Array.from({ length: PROJECTS }, (_, i) => `paged-${i}`), 'not-there'];
    const repo = await createRepository(stack, 'paged');
    const remote = await createRemote(stack, { name: 'paged', url: upstream.url, includes, download_concurrency: 1 });

    // Act
    await sync(stack, repo.pulp_href, { remote: remote.pulp_href });

    // Assess
    expect(await filenames(stack, repo.pulp_href)).toEqual(expectedFiles);
    const pages = json ? (i: number) => `/pypi/paged-${i}/json` : (i: number) => `/simple/paged-${i}/`;
    for (let i = 0; i < PROJECTS; i++) expect(upstream.hitsOf(pages(i)), pages(i)).toBe(1);
    expect(upstream.hitsOf(json ? '/pypi/not-there/json' : '/simple/not-there/')).toBe(1);
    // One connection per fetcher delivery (or per page in the task): a job cut short comes back in several.
    expect(upstream.connections).toBeGreaterThanOrEqual(deliveries);
  });
});
