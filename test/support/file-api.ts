import { createHash, randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { expectTask } from './tasks';
import type { TestStack } from './test-stack';

/** Sends a multipart form like pulp-glue: fields stringified, the file as `file`. */
export async function sendMultipart(
  stack: TestStack,
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

export async function createRepository(stack: TestStack, name: string, extra: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const res = await stack.api('/pulp/api/v3/repositories/file/file/', { method: 'POST', body: { name, ...extra } });
  const body = await json(res);
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body;
}

/** Uploads bytes as a file content unit (optionally into a repository) and returns the finished task. */
export async function uploadContent(
  stack: TestStack,
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

export async function modify(stack: TestStack, repoHref: string, body: Record<string, unknown>, state = 'completed'): Promise<Record<string, any>> {
  return expectTask(await stack.api(`${repoHref}modify/`, { method: 'POST', body }), stack, state);
}

export async function get(stack: TestStack, path: string): Promise<Record<string, any>> {
  const res = await stack.api(path);
  const body = await json(res);
  expect(res.status, `${path}: ${JSON.stringify(body)}`).toBe(200);
  return body;
}
