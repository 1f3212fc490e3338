import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLambdaContext } from '../../../local/lambda-context';
import { toApiGatewayEvent } from '../../../local/http-event';
import { createTestAwsResources } from '../../support/test-aws';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const DIST = path.join(ROOT, 'dist', 'functions');

type Handler = (event: unknown, context: Context) => Promise<any>;
const load = async (name: string): Promise<Handler> =>
  ((await import(pathToFileURL(path.join(DIST, name, 'index.mjs')).href)) as { handler: Handler }).handler;

function event(method: string, url: string, headers: Record<string, string> = {}): APIGatewayProxyEventV2 {
  return toApiGatewayEvent({ method, url, headers, body: Buffer.alloc(0), remoteAddress: '127.0.0.1' } as never);
}

/**
 * The bundles esbuild ships to Lambda, run as Lambda would run them: no tsx, no source tree,
 * configuration from the environment only. Catches what only bundling breaks (dynamic
 * requires, files read at run time such as the migrations and the docs page assets).
 */
describe('the Lambda bundles', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(ROOT, 'esbuild.config.mjs')], { cwd: ROOT, stdio: 'pipe' });
    db = await createTestDatabase('bundles');
    const aws = await createTestAwsResources('bundles');
    Object.assign(process.env, {
      DATABASE_URL: db.url,
      AWS_ENDPOINT_URL: aws.endpoint,
      CONTENT_BUCKET: aws.bucket,
      TASK_QUEUE_URL: aws.taskQueueUrl,
      PULP_ADMIN_PASSWORD: 'bundle-pw',
      CONTENT_ORIGIN: 'https://content.example',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
    });
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('builds one bundle per function, with the migrations beside migrate', () => {
    for (const name of ['api', 'content', 'worker', 'migrate', 'sweeper']) expect(existsSync(path.join(DIST, name, 'index.mjs'))).toBe(true);
    expect(existsSync(path.join(DIST, 'migrate', 'schema', '0001_core.sql'))).toBe(true);
  });

  it('migrates, then serves the API, the docs page, the content root and a sweep', async () => {
    // Prepare
    const ctx = (name: string) => createLambdaContext({ functionName: name, timeoutMs: 30_000 });
    const auth = { authorization: `Basic ${Buffer.from('admin:bundle-pw').toString('base64')}` };
    // Act
    const migrated = await (await load('migrate'))({}, ctx('migrate'));
    const api = await load('api');
    const status = await api(event('GET', '/pulp/api/v3/status/'), ctx('api'));
    const tasks = await api(event('GET', '/pulp/api/v3/tasks/', auth), ctx('api'));
    const statusAgain = await api(event('GET', '/pulp/api/v3/status/'), ctx('api'));
    const docs = await api(event('GET', '/pulp/api/v3/docs/'), ctx('api'));
    const content = await (await load('content'))(event('HEAD', '/pulp/content/'), ctx('content'));
    const sweep = await (await load('sweeper'))({}, ctx('sweeper'));
    // Assess
    expect(migrated.applied).toContain('0001_core.sql');
    expect(status.statusCode).toBe(200);
    expect(JSON.parse(status.body).database_connection).toEqual({ connected: true });
    expect(tasks.statusCode).toBe(200);
    // The api environment beat on its first request, so it is an online API app now.
    expect(JSON.parse(statusAgain.body).online_api_apps).toHaveLength(1);
    expect(docs.statusCode).toBe(200);
    expect(content.statusCode).toBe(200);
    expect(sweep).toEqual({ failed: [], rewoken: [], workersRemoved: 0 });
  });
});
