import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { expect } from 'vitest';
import { expectTask } from './tasks';
import type { ApiClient } from './api-client';

/** Sends a multipart form like pulp-glue: fields stringified, the file as `file`. */
export async function sendMultipart(
  stack: ApiClient,
  path: string,
  fields: Record<string, string>,
  file?: { name: string; data: Buffer },
  init: { method?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('file', new Blob([file.data], { type: 'application/octet-stream' }), file.name);
  return fetch(new URL(path, stack.url), {
    method: init.method ?? 'POST',
    headers: { authorization: stack.auth, ...init.headers },
    body: form,
  });
}

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

export async function json(res: Response): Promise<Record<string, any>> {
  return (await res.json()) as Record<string, any>;
}

/** Creates a repository from a name (plus fields) or a whole body; expects 201. */
export async function createRepository(
  stack: ApiClient,
  nameOrBody: string | Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Promise<Record<string, any>> {
  const request = typeof nameOrBody === 'string' ? { name: nameOrBody, ...extra } : { ...nameOrBody, ...extra };
  const res = await stack.api('/pulp/api/v3/repositories/file/file/', { method: 'POST', body: request });
  const body = await json(res);
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body;
}

/** Uploads bytes as a file content unit (optionally into a repository) and returns the finished task. */
export async function uploadContent(
  stack: ApiClient,
  relativePath: string,
  data: Buffer = randomBytes(64),
  repository?: string,
): Promise<Record<string, any>> {
  const fields: Record<string, string> = { relative_path: relativePath };
  if (repository) fields.repository = repository;
  const res = await sendMultipart(stack, '/pulp/api/v3/content/file/files/', fields, { name: 'f', data });
  return expectTask(res, stack);
}

/** The href of the content unit a content-create task made. */
export function contentHref(task: Record<string, any>): string {
  const href = (task.created_resources as string[]).find((h) => h.startsWith('/pulp/api/v3/content/file/files/'));
  expect(href).toBeDefined();
  return href!;
}

export async function modify(stack: ApiClient, repoHref: string, body: Record<string, unknown>, state = 'completed'): Promise<Record<string, any>> {
  return expectTask(await stack.api(`${repoHref}modify/`, { method: 'POST', body }), stack, state);
}

export async function get(stack: ApiClient, path: string): Promise<Record<string, any>> {
  const res = await stack.api(path);
  const body = await json(res);
  expect(res.status, `${path}: ${JSON.stringify(body)}`).toBe(200);
  return body;
}

/** Small helpers for the file plugin's API, each asserting the status it needs. */
export async function createRemote(stack: ApiClient, body: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await stack.api('/pulp/api/v3/remotes/file/file/', { method: 'POST', body });
  const json = (await res.json()) as Record<string, any>;
  expect(res.status, JSON.stringify(json)).toBe(201);
  return json;
}

export async function sync(stack: ApiClient, repoHref: string, body: Record<string, unknown> = {}, state = 'completed'): Promise<Record<string, any>> {
  return expectTask(await stack.api(`${repoHref}sync/`, { method: 'POST', body }), stack, state);
}

export async function publish(stack: ApiClient, repoHref: string): Promise<string> {
  const task = await expectTask(await stack.api('/pulp/api/v3/publications/file/file/', { method: 'POST', body: { repository: repoHref } }), stack);
  const href = (task.created_resources as string[]).find((h) => h.startsWith('/pulp/api/v3/publications/file/file/'));
  expect(href).toBeDefined();
  return href!;
}

export async function distribute(stack: ApiClient, body: Record<string, unknown>): Promise<string> {
  const task = await expectTask(await stack.api('/pulp/api/v3/distributions/file/file/', { method: 'POST', body }), stack);
  const href = (task.created_resources as string[]).find((h) => h.startsWith('/pulp/api/v3/distributions/file/file/'));
  expect(href).toBeDefined();
  return href!;
}

/** The repository's version numbers, newest first. */
export async function versionNumbers(stack: ApiClient, repoHref: string): Promise<number[]> {
  const page = await get(stack, `${repoHref}versions/?limit=1000`);
  return (page.results as Array<{ number: number }>).map((v) => v.number);
}

/** GET without following redirects (the content app answers 301/302). */
export function content(stack: ApiClient, path: string, method = 'GET'): Promise<Response> {
  return fetch(new URL(path, stack.url), { method, redirect: 'manual' });
}

export const encodePath = (path: string): string => path.split('/').map(encodeURIComponent).join('/');

/** A GET whose path is sent exactly as written (fetch would normalise `..` away first). */
export function rawGet(stack: ApiClient, path: string): Promise<{ status: number; contentType: string }> {
  const url = new URL(stack.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? '') }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** File content units straight through the content service (bulk, as a sync makes them). */
export function ensureFileUnits(
  app: import('../../layers/app/app').App,
  entries: Array<{ relativePath: string; sha256: string; size: number; artifactId: string | null }>,
) {
  return app.services.content.ensure(
    entries.map((e) => ({
      pulpType: 'file.file',
      fields: { relative_path: e.relativePath, sha256: e.sha256, size: e.size },
      relativePath: e.relativePath,
      artifactId: e.artifactId,
    })),
  );
}
