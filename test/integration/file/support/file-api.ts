import { request } from 'node:http';
import { expect } from 'vitest';
import { expectTask } from '../../../support/tasks';
import type { TestStack } from '../../../support/test-stack';

/** Small helpers for the file plugin's API, each asserting the status it needs. */
export async function createRemote(stack: TestStack, body: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await stack.api('/pulp/api/v3/remotes/file/file/', { method: 'POST', body });
  const json = (await res.json()) as Record<string, any>;
  expect(res.status, JSON.stringify(json)).toBe(201);
  return json;
}

export async function createRepository(stack: TestStack, body: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await stack.api('/pulp/api/v3/repositories/file/file/', { method: 'POST', body });
  const json = (await res.json()) as Record<string, any>;
  expect(res.status, JSON.stringify(json)).toBe(201);
  return json;
}

export async function get(stack: TestStack, href: string): Promise<Record<string, any>> {
  const res = await stack.api(href);
  const json = (await res.json()) as Record<string, any>;
  expect(res.status, JSON.stringify(json)).toBe(200);
  return json;
}

export async function sync(stack: TestStack, repoHref: string, body: Record<string, unknown> = {}, state = 'completed'): Promise<Record<string, any>> {
  return expectTask(await stack.api(`${repoHref}sync/`, { method: 'POST', body }), stack, state);
}

export async function publish(stack: TestStack, repoHref: string): Promise<string> {
  const task = await expectTask(await stack.api('/pulp/api/v3/publications/file/file/', { method: 'POST', body: { repository: repoHref } }), stack);
  const href = (task.created_resources as string[]).find((h) => h.startsWith('/pulp/api/v3/publications/file/file/'));
  expect(href).toBeDefined();
  return href!;
}

export async function distribute(stack: TestStack, body: Record<string, unknown>): Promise<string> {
  const task = await expectTask(await stack.api('/pulp/api/v3/distributions/file/file/', { method: 'POST', body }), stack);
  const href = (task.created_resources as string[]).find((h) => h.startsWith('/pulp/api/v3/distributions/file/file/'));
  expect(href).toBeDefined();
  return href!;
}

/** The repository's version numbers, newest first. */
export async function versionNumbers(stack: TestStack, repoHref: string): Promise<number[]> {
  const page = await get(stack, `${repoHref}versions/?limit=1000`);
  return (page.results as Array<{ number: number }>).map((v) => v.number);
}

/** GET without following redirects (the content app answers 301/302). */
export function content(stack: TestStack, path: string, method = 'GET'): Promise<Response> {
  return fetch(new URL(path, stack.url), { method, redirect: 'manual' });
}

export const encodePath = (path: string): string => path.split('/').map(encodeURIComponent).join('/');

/** A GET whose path is sent exactly as written (fetch would normalise `..` away first). */
export function rawGet(stack: TestStack, path: string): Promise<{ status: number; contentType: string }> {
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
