import { beforeAll, describe, expect, it } from 'vitest';
import { type Synthesized, functionResource, logicalIdOf, synth } from './support';

const CONSTRUCTS = ['Api', 'Content', 'Worker', 'Sweeper', 'Migrations'] as const;

const expectedEnv: Record<(typeof CONSTRUCTS)[number], { has: string[]; lacks: string[] }> = {
  Api: {
    has: ['DB_HOST', 'DB_IAM_AUTH', 'CONTENT_BUCKET', 'TASK_QUEUE_URL', 'CONTENT_ORIGIN', 'ARTIFACT_URL_MODE'],
    lacks: ['DB_SECRET_ARN', 'ADMIN_SECRET_NAME', 'DOWNLOAD_QUEUE_URL'],
  },
  Content: {
    has: ['DB_HOST', 'DB_IAM_AUTH', 'CONTENT_BUCKET', 'ARTIFACT_URL_MODE'],
    lacks: ['CONTENT_ORIGIN', 'TASK_QUEUE_URL', 'DB_SECRET_ARN'],
  },
  Worker: {
    has: ['DB_HOST', 'DB_IAM_AUTH', 'CONTENT_BUCKET', 'TASK_QUEUE_URL', 'TASK_DLQ_URL', 'DOWNLOAD_QUEUE_URL', 'CONTENT_ORIGIN', 'WORKER_TIMEOUT_SECONDS'],
    lacks: ['DB_SECRET_ARN', 'ADMIN_SECRET_NAME'],
  },
  Sweeper: {
    has: ['DB_HOST', 'DB_IAM_AUTH', 'TASK_QUEUE_URL', 'TASK_DLQ_URL'],
    lacks: ['CONTENT_BUCKET', 'DB_SECRET_ARN'],
  },
  Migrations: {
    has: ['DB_HOST', 'DB_PORT', 'DB_NAME', 'DB_USER', 'DB_SECRET_ARN', 'ADMIN_SECRET_NAME'],
    lacks: ['DB_IAM_AUTH', 'CONTENT_BUCKET', 'TASK_QUEUE_URL'],
  },
};

describe.each([
  { production: false, retention: 14, logLevel: 'DEBUG' },
  { production: true, retention: 90, logLevel: 'INFO' },
])('functions (production=$production)', ({ production, retention, logLevel }) => {
  let synthesized: Synthesized;

  beforeAll(() => {
    // Prepare
    synthesized = synth({ production: String(production) });
  });

  it.each(CONSTRUCTS)('%s runs on arm64 Node 22 with tracing and source maps', (name) => {
    // Act
    const fn = functionResource(synthesized.template, name);

    // Assess
    expect(fn.Architectures).toEqual(['arm64']);
    expect(fn.Runtime).toBe('nodejs22.x');
    expect(fn.Handler).toBe('index.handler');
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
    expect(logGroup.DeletionPolicy).toBe(production ? 'Retain' : 'Delete');
  });

  it.each(CONSTRUCTS)('%s gets exactly the settings its contract lists', (name) => {
    // Act
    const env = functionResource(synthesized.template, name).Environment.Variables;

    // Assess
    for (const key of expectedEnv[name].has) expect(env, key).toHaveProperty(key);
    for (const key of expectedEnv[name].lacks) expect(env, key).not.toHaveProperty(key);
  });
});

describe('sweeper schedule', () => {
  it('runs every minute without retries piling up', () => {
    // Prepare
    const { template } = synth();
    const sweeperId = logicalIdOf(template, 'AWS::Lambda::Function', 'SweeperFunction');

    // Act
    const [rule] = Object.values(template.findResources('AWS::Events::Rule'));

    // Assess
    expect(rule!.Properties.ScheduleExpression).toBe('rate(1 minute)');
    expect(rule!.Properties.Targets[0]).toMatchObject({
      Arn: { 'Fn::GetAtt': [sweeperId, 'Arn'] },
      RetryPolicy: { MaximumRetryAttempts: 0 },
    });
    expect(functionResource(template, 'Sweeper').Timeout).toBeLessThan(60);
  });
});
