import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toApiGatewayEvent } from '../../../local/http-event';
import { createTestAwsResources } from '../../support/test-aws';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const DIST = path.join(ROOT, 'dist', 'functions');
const INVOKER = path.join(import.meta.dirname, 'invoke-bundle.mjs');

type Result = { ok: true; value: any } | { ok: false; error: string };

function event(method: string, url: string, headers: Record<string, string> = {}): APIGatewayProxyEventV2 {
  return toApiGatewayEvent({ method, url, headers, body: Buffer.alloc(0), remoteAddress: '127.0.0.1' } as never);
}

/**
 * The bundles esbuild ships to Lambda, run as Lambda would run them: each in a fresh `node`
 * process (no vitest, no tsx, no source tree), configuration from the environment only.
 * Catches what only bundling breaks (dynamic requires, files read at run time such as the
 * migrations and the docs page assets).
 */
describe('the Lambda bundles', () => {
  let db: TestDatabase;
  let env: NodeJS.ProcessEnv;

  /** Invokes one bundle's exports in order, in one new process, and returns their results. */
  const invoke = (name: string, invocations: Array<{ export?: string; event?: unknown }>): Result[] => {
    const out = execFileSync(process.execPath, [INVOKER, path.join(DIST, name)], {
      env,
      input: JSON.stringify(invocations),
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const line = out.split('\n').find((l) => l.startsWith('RESULTS:'));
    if (!line) throw new Error(`${name} printed no results:\n${out}`);
    return JSON.parse(line.slice('RESULTS:'.length)) as Result[];
  };
  const resultOf = (result: Result | undefined): any => {
    if (!result?.ok) throw new Error(`invocation failed: ${result && !result.ok ? result.error : 'no result'}`);
    return result.value;
  };

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(ROOT, 'esbuild.config.mjs')], { cwd: ROOT, stdio: 'pipe' });
    db = await createTestDatabase('bundles');
    const aws = await createTestAwsResources('bundles');
    env = {
      PATH: process.env.PATH,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      NODE_OPTIONS: '--enable-source-maps',
      DATABASE_URL: db.url,
      AWS_ENDPOINT_URL: aws.endpoint,
      CONTENT_BUCKET: aws.bucket,
      DELIVERY_TABLE: aws.deliveryTable,
      TASK_QUEUE_URL: aws.taskQueueUrl,
      PULP_ADMIN_PASSWORD: 'bundle-pw',
      CONTENT_ORIGIN: 'https://content.example',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      POWERTOOLS_METRICS_DISABLED: 'true',
    };
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('builds one bundle per function, with the migrations beside migrate', () => {
    for (const name of ['api', 'content', 'worker', 'migrate', 'sweeper']) expect(existsSync(path.join(DIST, name, 'index.mjs'))).toBe(true);
    expect(existsSync(path.join(DIST, 'migrate', 'schema', '0001_core.sql'))).toBe(true);
  });

  it('migrates, then serves the API, the docs page, the content root and a sweep', () => {
    // Prepare
    const auth = { authorization: `Basic ${Buffer.from('admin:bundle-pw').toString('base64')}` };
    // Act
    const [migrated] = invoke('migrate', [{}]);
    const [status, tasks, statusAgain, docs] = invoke('api', [
      { event: event('GET', '/pulp/api/v3/status/') },
      { event: event('GET', '/pulp/api/v3/tasks/', auth) },
      { event: event('GET', '/pulp/api/v3/status/') },
      { event: event('GET', '/pulp/api/v3/docs/') },
    ]);
    const [content] = invoke('content', [{ event: event('HEAD', '/pulp/content/') }]);
    const [sweep] = invoke('sweeper', [{}]);
    // Assess
    expect(resultOf(migrated).applied).toContain('0001_core.sql');
    expect(resultOf(status).statusCode).toBe(200);
    expect(JSON.parse(resultOf(status).body).database_connection).toEqual({ connected: true });
    expect(resultOf(tasks).statusCode).toBe(200);
    // The api environment beat on its first request, so it is an online API app now.
    expect(JSON.parse(resultOf(statusAgain).body).online_api_apps).toHaveLength(1);
    expect(resultOf(docs).statusCode).toBe(200);
    expect(resultOf(content).statusCode).toBe(200);
    // The API ran just before: the sweeper uses Postgres (it would leave an idle one alone).
    expect(resultOf(sweep)).toMatchObject({ failed: [], rewoken: [], stuckGroups: [], deadLettered: [], workersRemoved: 0, attached: 0, pulled: 0, ranBecause: 'the API served requests recently' });
  });
});
