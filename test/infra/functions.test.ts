import { beforeAll, describe, expect, it } from 'vitest';
import { type Synthesized, functionResource, logicalIdOf, synth } from './support';

const CONSTRUCTS = ['Api', 'Content', 'Worker', 'Fetcher', 'Sweeper', 'Migrations', 'MigrationsLaunch'] as const;

const expectedEnv: Record<(typeof CONSTRUCTS)[number], { has: string[]; lacks: string[] }> = {
  Api: {
    has: ['DB_HOST', 'DB_IAM_AUTH', 'CONTENT_BUCKET', 'DELIVERY_TABLE', 'TASK_QUEUE_URL', 'CONTENT_ORIGIN', 'ARTIFACT_URL_MODE'],
    lacks: ['DB_SECRET_ARN', 'ADMIN_SECRET_ARN', 'DOWNLOAD_QUEUE_URL'],
  },
  // The content function reads the delivery index and S3 only: no database settings at all.
  Content: {
    has: ['CONTENT_BUCKET', 'DELIVERY_TABLE', 'ARTIFACT_URL_MODE'],
    lacks: ['DB_HOST', 'DB_IAM_AUTH', 'CONTENT_ORIGIN', 'TASK_QUEUE_URL', 'DB_SECRET_ARN'],
  },
  Worker: {
    has: ['DB_HOST', 'DB_IAM_AUTH', 'CONTENT_BUCKET', 'DELIVERY_TABLE', 'TASK_QUEUE_URL', 'TASK_DLQ_URL', 'CONTENT_ORIGIN', 'WORKER_TIMEOUT_SECONDS', 'DOWNLOAD_QUEUE_URL'],
    lacks: ['DB_SECRET_ARN', 'ADMIN_SECRET_ARN'],
  },
  // Fetchers stream upstream -> S3 and report in the index: no database, no task queue.
  Fetcher: {
    has: ['CONTENT_BUCKET', 'DELIVERY_TABLE', 'FETCH_MAX_RECEIVE_COUNT'],
    lacks: ['DB_HOST', 'DB_IAM_AUTH', 'TASK_QUEUE_URL', 'DB_SECRET_ARN', 'DOWNLOAD_QUEUE_URL'],
  },
  Sweeper: {
    has: ['DB_HOST', 'DB_IAM_AUTH', 'TASK_QUEUE_URL', 'TASK_DLQ_URL', 'DELIVERY_TABLE'],
    lacks: ['CONTENT_BUCKET', 'DB_SECRET_ARN'],
  },
  Migrations: {
    has: ['DB_HOST', 'DB_PORT', 'DB_NAME', 'APP_DB_USER'],
    lacks: ['DB_IAM_AUTH', 'DB_SECRET_ARN', 'CONTENT_BUCKET', 'TASK_QUEUE_URL', 'DELIVERY_TABLE'],
  },
  MigrationsLaunch: {
    has: ['DB_SECRET_ARN', 'ADMIN_SECRET_ARN', 'MIGRATE_FUNCTION_NAME'],
    lacks: ['DB_HOST', 'CONTENT_BUCKET', 'TASK_QUEUE_URL'],
  },
};

describe.each([
  { profile: 'lean', retention: 14, logLevel: 'DEBUG' },
  { profile: 'production', retention: 90, logLevel: 'INFO' },
])('functions ($profile)', ({ profile, retention, logLevel }) => {
  let synthesized: Synthesized;

  beforeAll(() => {
    // Prepare
    synthesized = synth({ profile });
  });

  it.each([...CONSTRUCTS, 'Canary'])('%s runs on arm64 nodejs24.x', (name) => {
    // Act
    const fn = functionResource(synthesized.template, name);

    // Assess
    expect(fn.Architectures).toEqual(['arm64']);
    expect(fn.Runtime).toBe('nodejs24.x');
  });

  it.each(CONSTRUCTS)('%s traces and maps source lines, with Powertools settings', (name) => {
    // Act
    const fn = functionResource(synthesized.template, name);

    // Assess
    expect(fn.Handler).toMatch(/^index\.(handler|launch)$/);
    expect(fn.TracingConfig).toEqual({ Mode: 'Active' });
    expect(fn.Environment.Variables).toMatchObject({
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: expect.stringMatching(/^pulp-/),
      POWERTOOLS_METRICS_NAMESPACE: 'ServerlessPulp',
      LOG_LEVEL: logLevel,
    });
  });

  it.each(CONSTRUCTS)('%s logs to its own log group with retention', (name) => {
    // Prepare
    const fn = functionResource(synthesized.template, name);

    // Act
    const logGroupId = fn.LoggingConfig.LogGroup.Ref as string;
    const logGroup = synthesized.template.toJSON().Resources[logGroupId];

    // Assess
    expect(logGroupId.startsWith(name)).toBe(true);
    expect(logGroup.Properties.RetentionInDays).toBe(retention);
    expect(logGroup.DeletionPolicy).toBe(profile === 'production' ? 'Retain' : 'Delete');
  });

  it.each(CONSTRUCTS)('%s gets exactly the settings its contract lists', (name) => {
    // Act
    const env = functionResource(synthesized.template, name).Environment.Variables;

    // Assess
    for (const key of expectedEnv[name].has) expect(env, key).toHaveProperty(key);
    for (const key of expectedEnv[name].lacks) expect(env, key).not.toHaveProperty(key);
  });

  it('updates the fetcher before the worker (the worker’s new jobs need the new fetcher)', () => {
    // Prepare
    const fetcherId = logicalIdOf(synthesized.template, 'AWS::Lambda::Function', 'FetcherFunction');
    const workerId = logicalIdOf(synthesized.template, 'AWS::Lambda::Function', 'WorkerFunction');

    // Act
    const dependsOn = [synthesized.template.toJSON().Resources[workerId].DependsOn ?? []].flat();

    // Assess
    expect(dependsOn).toContain(fetcherId);
  });
});

describe('sweeper schedule', () => {
  it('runs every minute without retries piling up', () => {
    // Prepare
    const { template } = synth();
    const sweeperId = logicalIdOf(template, 'AWS::Lambda::Function', 'SweeperFunction');

    // Act
    const rule = template.toJSON().Resources[logicalIdOf(template, 'AWS::Events::Rule', 'SweeperSchedule')];

    // Assess
    expect(rule.Properties.ScheduleExpression).toBe('rate(1 minute)');
    expect(rule.Properties.Targets[0]).toMatchObject({
      Arn: { 'Fn::GetAtt': [sweeperId, 'Arn'] },
      RetryPolicy: { MaximumRetryAttempts: 0 },
    });
    expect(functionResource(template, 'Sweeper').Timeout).toBeLessThan(60);
  });
});
