import { expect } from 'vitest';
import type { BuiltDist } from '../../../support/python-dists';
import { expectTask } from '../../../support/tasks';
import type { TestStack } from '../../../support/test-stack';

export const PACKAGES = '/pulp/api/v3/content/python/packages/';
export const REPOSITORIES = '/pulp/api/v3/repositories/python/python/';
export const REMOTES = '/pulp/api/v3/remotes/python/python/';
export const DISTRIBUTIONS = '/pulp/api/v3/distributions/python/pypi/';
export const PUBLICATIONS = '/pulp/api/v3/publications/python/pypi/';

export type Json = Record<string, any>;

async function created(res: Response): Promise<Json> {
  const body = (await res.json()) as Json;
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body;
}

export async function createRepository(stack: TestStack, name: string, extra: Json = {}): Promise<Json> {
  return created(await stack.api(REPOSITORIES, { method: 'POST', body: { name, ...extra } }));
}

export async function createRemote(stack: TestStack, body: Json): Promise<Json> {
  return created(await stack.api(REMOTES, { method: 'POST', body }));
}

/** The href of the object of `prefix` a finished task created. */
export function createdHref(task: Json, prefix: string): string {
  const href = (task.created_resources as string[]).find((h) => h.startsWith(prefix));
  expect(href, JSON.stringify(task.created_resources)).toBeDefined();
  return href!;
}

export async function createDistribution(stack: TestStack, body: Json): Promise<Json> {
  const task = await expectTask(await stack.api(DISTRIBUTIONS, { method: 'POST', body }), stack);
  return get(stack, createdHref(task, DISTRIBUTIONS));
}

export async function get(stack: TestStack, path: string): Promise<Json> {
  const res = await stack.api(path);
  const body = (await res.json()) as Json;
  expect(res.status, `${path}: ${JSON.stringify(body)}`).toBe(200);
  return body;
}

/** A multipart POST with admin credentials: `files` as file parts, the rest as text fields. */
export function postForm(
  stack: TestStack,
  path: string,
  fields: Record<string, string | string[]>,
  files: Record<string, { name: string; data: Buffer }> = {},
  auth: string | null = stack.auth,
): Promise<Response> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
  for (const [k, f] of Object.entries(files)) form.append(k, new Blob([f.data], { type: 'application/octet-stream' }), f.name);
  return fetch(new URL(path, stack.url), { method: 'POST', headers: auth ? { authorization: auth } : {}, body: form });
}

/** A package through the content create task (optionally into a repository); returns the unit. */
export async function createPackage(stack: TestStack, dist: BuiltDist, fields: Record<string, string> = {}): Promise<Json> {
  const task = await expectTask(await postForm(stack, PACKAGES, { relative_path: dist.filename, ...fields }, { file: { name: dist.filename, data: dist.bytes } }), stack);
  return get(stack, createdHref(task, PACKAGES));
}

/** Adds units to a repository; returns the finished task. */
export async function addContent(stack: TestStack, repoHref: string, hrefs: string[]): Promise<Json> {
  return expectTask(await stack.api(`${repoHref}modify/`, { method: 'POST', body: { add_content_units: hrefs } }), stack);
}

export async function sync(stack: TestStack, repoHref: string, body: Json = {}, state = 'completed'): Promise<Json> {
  return expectTask(await stack.api(`${repoHref}sync/`, { method: 'POST', body }), stack, state);
}

/** The filenames of a repository's latest version. */
export async function filenames(stack: TestStack, repoHref: string): Promise<string[]> {
  const repo = await get(stack, repoHref);
  const page = await get(stack, `${PACKAGES}?repository_version=${encodeURIComponent(repo.latest_version_href)}&limit=1000`);
  return (page.results as Json[]).map((p) => p.filename as string).sort();
}

/** GET of an index page (no redirects followed). */
export function pypi(stack: TestStack, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(new URL(path, stack.url), { headers, redirect: 'manual' });
}

/** twine's upload form for a distribution. */
export function twineForm(dist: BuiltDist, sha256: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ':action': 'file_upload',
    protocol_version: '1',
    sha256_digest: sha256,
    filetype: dist.filename.endsWith('.whl') ? 'bdist_wheel' : 'sdist',
    pyversion: dist.filename.endsWith('.whl') ? 'py3' : 'source',
    metadata_version: '2.1',
    ...extra,
  };
}
