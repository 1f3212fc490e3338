import { expect } from 'vitest';
import type { TestStack } from './test-stack';

export const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** A user of the stack: their Authorization header and API calls made as them. */
export interface ActingUser {
  username: string;
  password: string;
  href: string;
  auth: string;
  call(path: string, init?: { method?: string; body?: unknown }): Promise<Response>;
}

/** Creates a user (as the admin) and gives them roles: model-level (no object) or on an object href. */
export async function createUser(stack: TestStack, username: string, roles: Array<{ role: string; object?: string }> = []): Promise<ActingUser> {
  const password = `${username}-Pa55word!`;
  const made = await stack.api('/pulp/api/v3/users/', { method: 'POST', body: { username, password } });
  const body = (await made.json()) as Record<string, any>;
  expect(made.status, JSON.stringify(body)).toBe(201);
  for (const r of roles) await grant(stack, body.pulp_href, r.role, r.object ?? null);
  const auth = basic(username, password);
  return {
    username,
    password,
    href: body.pulp_href,
    auth,
    call: (path, init = {}) =>
      fetch(new URL(path, stack.url), {
        method: init.method ?? 'GET',
        headers: { authorization: auth, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      }),
  };
}

/** Assigns a role to a user (`users/<pk>/roles/`), model-level when `object` is null. */
export async function grant(stack: TestStack, userHref: string, role: string, object: string | null): Promise<void> {
  const res = await stack.api(`${userHref}roles/`, { method: 'POST', body: { role, content_object: object } });
  expect(res.status, await res.clone().text()).toBe(201);
}
