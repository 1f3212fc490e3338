import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { freshLocalKeys } from '../../local/local-keys';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../local/stack';
import { createTestDatabase } from './test-database';

export interface TestStack extends LocalStack {
  /** `Authorization` header value for the admin user. */
  auth: string;
  /** fetch() against the stack with admin credentials and JSON bodies. */
  api(path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
}

export const ADMIN_PASSWORD = 'test-admin-password';

/**
 * The whole local stack for one test file: a fresh database on the run's Postgres, its own
 * bucket and queues on the run's moto, the real handlers over HTTP and the SQS worker poller.
 */
export type TestStackOptions = Partial<Omit<LocalStackOptions, 'host' | 'port' | 'dataDir' | 'log'>>;

export async function startTestStack(prefix: string, options: TestStackOptions = {}): Promise<TestStack> {
  const db = options.databaseUrl ? undefined : await createTestDatabase(prefix);
  const unique = `${prefix.toLowerCase().replace(/[^a-z0-9-]+/g, '-').slice(0, 30)}-${randomBytes(4).toString('hex')}`;
  const stack = await startLocalStack({
    names: { bucket: `${unique}-content`, taskQueue: `${unique}-tasks.fifo`, downloadQueue: `${unique}-downloads` },
    ...options,
    host: '127.0.0.1',
    port: 0,
    dataDir: '/nonexistent',
    databaseUrl: options.databaseUrl ?? db!.url,
    awsEndpoint: options.awsEndpoint ?? inject('awsEndpoint'),
    workers: options.workers ?? 2,
    keys: options.keys ?? freshLocalKeys(),
    adminPassword: ADMIN_PASSWORD,
    log: () => undefined,
  });
  const auth = `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}`;
  return {
    ...stack,
    auth,
    api: (path, init = {}) =>
      fetch(new URL(path, stack.url), {
        method: init.method ?? 'GET',
        headers: {
          authorization: auth,
          ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...init.headers,
        },
        body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      }),
    stop: async () => {
      await stack.stop();
      await db?.drop();
    },
  };
}
