import { spawn, type ChildProcess } from 'node:child_process';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as workerHandler } from '../../../functions/worker/index';
import { createLambdaContext } from '../../../local/lambda-context';
import { runs, registerTestTasks } from '../../support/test-task-functions';
import { waitForTask } from '../../support/tasks';
import { startTestStack, type TestStack } from '../../support/test-stack';
import { waitFor } from '../../support/wait-for';

const href = (id: string): string => `/pulp/api/v3/tasks/${id}/`;
const WORKER_TTL = 2;

function startWorkerProcess(stack: TestStack): Promise<ChildProcess> {
  const settings = {
    databaseUrl: stack.config.database.url,
    awsEndpoint: stack.config.awsEndpoint,
    names: {
      bucket: stack.config.contentBucket,
      taskQueue: stack.config.taskQueueUrl.split('/').pop(),
      downloadQueue: stack.config.downloadQueueUrl!.split('/').pop(),
    },
    workerTtlSeconds: WORKER_TTL,
    visibilityTimeoutSeconds: 3,
  };
  // node itself (not npx) so that killing the child kills the worker, not a wrapper.
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/integration/tasks/fixtures/worker-process.ts', JSON.stringify(settings)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, WORKER_NAME: `child-worker-${Math.random().toString(16).slice(2, 8)}` },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('worker process did not start')), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('WORKER READY')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on('exit', (code) => reject(new Error(`worker process exited early (${code})`)));
  });
}

describe('tasking under faults', () => {
  let stack: TestStack;

  beforeAll(async () => {
    // No workers in this process: the child processes run tasks, this one sweeps.
    stack = await startTestStack('task-faults', {
      runWorkers: false,
      workerTtlSeconds: WORKER_TTL,
      visibilityTimeoutSeconds: 3,
      sweepIntervalMs: 500,
    });
    registerTestTasks(stack.app.registry);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('fails the task of a killed worker with a reason, releases its resource, and runs the next task', async () => {
    // Prepare
    const first = await startWorkerProcess(stack);
    const hung = await stack.app.dispatcher.dispatch({ name: 'test.hang', exclusiveResources: ['prn:test.repo:k'] });
    await waitFor(async () => ((await stack.app.taskStore.get(hung.id))?.state === 'running' ? true : undefined), {
      timeoutMs: 30_000,
      what: 'the hung task to start',
    });
    const next = await stack.app.dispatcher.dispatch({ name: 'test.noop', exclusiveResources: ['prn:test.repo:k'] });
    // Act
    first.kill('SIGKILL');
    const second = await startWorkerProcess(stack);
    try {
      const dead = await waitForTask(stack, href(hung.id));
      const after = await waitForTask(stack, href(next.id));
      // Assess
      expect(dead.state).toBe('failed');
      expect(dead.error.reason).toMatch(/gone missing/);
      expect(after.state).toBe('completed');
      expect(after.started_at >= dead.finished_at).toBe(true);
    } finally {
      second.kill('SIGTERM');
    }
  });

  it('runs a task once when its message is delivered twice', async () => {
    // Prepare
    const task = await stack.app.dispatcher.dispatch({ name: 'test.noop', exclusiveResources: ['prn:test.repo:dup'] });
    await stack.app.sqs.send(
      new SendMessageCommand({
        QueueUrl: stack.config.taskQueueUrl,
        MessageBody: JSON.stringify({ taskId: task.id }),
        MessageGroupId: task.messageGroup,
        MessageDeduplicationId: `${task.id}.duplicate`,
      }),
    );
    const record = (receiveCount: number) => ({
      messageId: `m-${receiveCount}`,
      receiptHandle: 'r',
      body: JSON.stringify({ taskId: task.id }),
      attributes: { ApproximateReceiveCount: String(receiveCount), MessageGroupId: task.messageGroup } as never,
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:q.fifo',
      awsRegion: 'us-east-1',
    });
    const context = createLambdaContext({ functionName: 'pulp-worker', timeoutMs: 60_000 });
    // Act: the real handler gets both deliveries, concurrently.
    const results = await Promise.all([1, 1].map((n) => workerHandler({ Records: [record(n)] } as SQSEvent, context)));
    // Assess
    expect(results).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
    expect(runs.get(task.id)).toBe(1);
    expect((await stack.app.taskStore.get(task.id))?.state).toBe('completed');
  });

  it('fails every later record of a batch after the first failure, keeping each group in order', async () => {
    // Prepare: a record that cannot be processed (no task id), then a valid one of the same group.
    const task = await stack.app.dispatcher.dispatch({ name: 'test.noop', exclusiveResources: ['prn:test.repo:order'] });
    const record = (id: string, body: string) => ({
      messageId: id,
      receiptHandle: 'r',
      body,
      attributes: { ApproximateReceiveCount: '1', MessageGroupId: task.messageGroup } as never,
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:q.fifo',
      awsRegion: 'us-east-1',
    });
    const event = { Records: [record('broken', '{"not":"a task"}'), record('valid', JSON.stringify({ taskId: task.id }))] } as SQSEvent;
    // Act
    const result = await workerHandler(event, createLambdaContext({ functionName: 'pulp-worker', timeoutMs: 60_000 }));
    // Assess
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'broken' }, { itemIdentifier: 'valid' }] });
    expect(runs.get(task.id)).toBeUndefined();
    expect((await stack.app.taskStore.get(task.id))?.state).toBe('waiting');
  });

  it('fails the task of a poison message and leaves the message for the DLQ', async () => {
    // Prepare
    const task = await stack.app.dispatcher.dispatch({ name: 'test.noop', exclusiveResources: ['prn:test.repo:poison'] });
    const event = {
      Records: [
        {
          messageId: 'poison-1',
          receiptHandle: 'r',
          body: JSON.stringify({ taskId: task.id }),
          attributes: { ApproximateReceiveCount: String(stack.config.maxReceiveCount), MessageGroupId: task.messageGroup } as never,
          messageAttributes: {},
          md5OfBody: '',
          eventSource: 'aws:sqs',
          eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:q.fifo',
          awsRegion: 'us-east-1',
        },
      ],
    } as SQSEvent;
    // Act
    const result = await workerHandler(event, createLambdaContext({ functionName: 'pulp-worker', timeoutMs: 60_000 }));
    // Assess
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'poison-1' }] });
    const final = await stack.app.taskStore.get(task.id);
    expect(final?.state).toBe('failed');
    expect(final?.error?.reason).toMatch(/received 5 times/);
    expect(runs.get(task.id)).toBeUndefined();
  });
});
