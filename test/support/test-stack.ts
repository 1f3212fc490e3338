import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { freshLocalKeys } from '../../local/local-keys';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../local/stack';
import { apiClient, type ApiClient } from './api-client';
import { createTestDatabase } from './test-database';

export interface TestStack extends LocalStack, ApiClient {}

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
  return {
    ...stack,
    ...apiClient(stack.url, ADMIN_PASSWORD),
    stop: async () => {
      await stack.stop();
      await db?.drop();
    },
  };
}
