import { describe, expect, it } from 'vitest';
import { readConfig } from '../../../layers/app/config';

// The environment each function gets from the CDK stack (infra/constructs/*): every one must
// build a configuration, even without resources it does not use.
const db = { DB_HOST: 'proxy.example', DB_PORT: '5432', DB_NAME: 'pulp', DB_USER: 'pulp', DB_IAM_AUTH: '1' };

describe('readConfig', () => {
  it.each([
    { fn: 'api', env: { ...db, CONTENT_BUCKET: 'b', TASK_QUEUE_URL: 'q', CONTENT_ORIGIN: 'https://d.example/', ARTIFACT_URL_MODE: 'cloudfront' } },
    { fn: 'content', env: { ...db, CONTENT_BUCKET: 'b', ARTIFACT_URL_MODE: 'cloudfront' } },
    { fn: 'worker', env: { ...db, CONTENT_BUCKET: 'b', TASK_QUEUE_URL: 'q', WORKER_TIMEOUT_SECONDS: '600', TASK_MAX_RECEIVE_COUNT: '5' } },
    { fn: 'sweeper', env: { ...db, TASK_QUEUE_URL: 'q', TASK_DLQ_URL: 'd' } },
  ])('builds the $fn function configuration', ({ env }) => {
    // Act
    const config = readConfig(env);
    // Assess
    expect(config.database).toMatchObject({ host: 'proxy.example', iamAuth: true, ssl: true, poolMax: 1 });
    expect(config.contentOrigin ?? '').not.toMatch(/\/$/);
  });

  it.each([
    { env: { ARTIFACT_URL_MODE: 'ftp' }, message: /ARTIFACT_URL_MODE/ },
    { env: { DB_PORT: 'five' }, message: /DB_PORT must be an integer/ },
    { env: { STORAGE_BACKEND: 'disk' }, message: /STORAGE_BACKEND must be s3 or fs/ },
    { env: { STORAGE_BACKEND: 'fs' }, message: /STORAGE_BACKEND=fs needs STORAGE_DIR/ },
  ])('refuses $env', ({ env, message }) => {
    expect(() => readConfig(env)).toThrow(message);
  });

  it('reads the worker settings, with Pulp defaults', () => {
    // Act
    const defaults = readConfig({});
    const set = readConfig({ WORKER_TTL_SECONDS: '10', WORKER_TIMEOUT_SECONDS: '120' });
    // Assess
    expect([defaults.workerTtlSeconds, defaults.workerTimeoutSeconds, defaults.maxReceiveCount]).toEqual([30, 900, 5]);
    expect([set.workerTtlSeconds, set.workerTimeoutSeconds]).toEqual([10, 120]);
  });

  it.each([
    { env: {}, storage: { backend: 's3' } },
    { env: { STORAGE_BACKEND: 's3' }, storage: { backend: 's3' } },
    { env: { STORAGE_BACKEND: 'fs', STORAGE_DIR: '/var/lib/pulp' }, storage: { backend: 'fs', dir: '/var/lib/pulp' } },
  ])('reads the storage backend from $env', ({ env, storage }) => {
    // Act
    const config = readConfig(env);
    // Assess
    expect(config.storage).toEqual(storage);
  });
});
