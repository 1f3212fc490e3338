import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_RECEIVE_COUNT, VISIBILITY_FACTOR } from '../../infra/constructs/tasking';
import { type Synthesized, functionResource, logicalIdOf, synth } from './support';

const cases = [
  { name: 'lean', context: {}, timeout: 600, concurrency: 5 },
  { name: 'production, long worker', context: { profile: 'production', workerTimeoutSeconds: '900' }, timeout: 900, concurrency: 10 },
  { name: 'custom concurrency', context: { workerMaxConcurrency: 3, workerTimeoutSeconds: 120 }, timeout: 120, concurrency: 3 },
];

describe.each(cases)('tasking ($name)', ({ context, timeout, concurrency }) => {
  let synthesized: Synthesized;
  let queues: Record<string, Record<string, any>>;

  beforeAll(() => {
    // Prepare
    synthesized = synth(context);
    queues = Object.fromEntries(
      Object.entries(synthesized.template.findResources('AWS::SQS::Queue')).map(([id, r]) => [id, r.Properties ?? {}]),
    );
  });

  const queue = (prefix: string): Record<string, any> => {
    const id = logicalIdOf(synthesized.template, 'AWS::SQS::Queue', prefix);
    return queues[id]!;
  };

  it('makes the task queue FIFO with a FIFO DLQ after 5 receives', () => {
    // Act
    const taskQueue = queue('TaskingTaskQueue');
    const dlqId = logicalIdOf(synthesized.template, 'AWS::SQS::Queue', 'TaskingTaskDlq');

    // Assess
    expect(taskQueue.FifoQueue).toBe(true);
    expect(taskQueue.ContentBasedDeduplication).toBe(false);
    expect(queue('TaskingTaskDlq').FifoQueue).toBe(true);
    expect(taskQueue.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] },
      maxReceiveCount: MAX_RECEIVE_COUNT,
    });
    expect(MAX_RECEIVE_COUNT).toBe(5);
  });

  it('keeps visibility >= 6 x the worker timeout', () => {
    // Act
    const worker = functionResource(synthesized.template, 'Worker');
    const visibility = queue('TaskingTaskQueue').VisibilityTimeout as number;

    // Assess
    expect(worker.Timeout).toBe(timeout);
    expect(VISIBILITY_FACTOR).toBeGreaterThanOrEqual(6);
    expect(visibility).toBeGreaterThanOrEqual(6 * worker.Timeout);
    expect(worker.Environment.Variables.WORKER_TIMEOUT_SECONDS).toBe(String(timeout));
  });

  it('consumes with ReportBatchItemFailures, batch 1 and MaximumConcurrency <= reserved concurrency', () => {
    // Act
    const worker = functionResource(synthesized.template, 'Worker');
    const taskQueueId = logicalIdOf(synthesized.template, 'AWS::SQS::Queue', 'TaskingTaskQueue');
    const mappings = Object.values(synthesized.template.findResources('AWS::Lambda::EventSourceMapping'))
      .map((r) => r.Properties)
      .filter((p) => p.EventSourceArn?.['Fn::GetAtt']?.[0] === taskQueueId);
    const [mapping] = mappings;

    // Assess
    expect(mappings).toHaveLength(1);
    expect(mapping).toEqual({
      BatchSize: 1,
      EventSourceArn: { 'Fn::GetAtt': [logicalIdOf(synthesized.template, 'AWS::SQS::Queue', 'TaskingTaskQueue'), 'Arn'] },
      FunctionName: { Ref: logicalIdOf(synthesized.template, 'AWS::Lambda::Function', 'WorkerFunction') },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: concurrency },
    });
    expect(worker.ReservedConcurrentExecutions).toBeGreaterThanOrEqual(concurrency);
  });

  it('has the task queue, the download queue and their DLQs, nothing else', () => {
    // Act
    const ids = Object.keys(queues).map((id) => id.replace(/[0-9A-F]{8}$/, '')).sort();

    // Assess
    expect(ids).toEqual(['FetcherDownloadDlq', 'FetcherDownloadQueue', 'TaskingTaskDlq', 'TaskingTaskQueue']);
  });

  it('encrypts every queue and denies non-TLS access', () => {
    // Act
    const policies = synthesized.template.findResources('AWS::SQS::QueuePolicy');

    // Assess
    for (const props of Object.values(queues)) expect(props.SqsManagedSseEnabled).toBe(true);
    expect(Object.keys(policies)).toHaveLength(Object.keys(queues).length);
    for (const policy of Object.values(policies)) {
      expect(policy.Properties.PolicyDocument.Statement).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      );
    }
  });
});

describe('tasking grants', () => {
  let synthesized: Synthesized;
  beforeAll(() => {
    synthesized = synth();
  });

  const sendActions = ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'];
  const receiveActions = ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:ReceiveMessage'];
  const grants = [
    { who: 'Api', queue: 'TaskingTaskQueue', actions: sendActions },
    // The worker sends continuations, consumes tasks and hands files to fetchers.
    { who: 'Worker', queue: 'TaskingTaskQueue', actions: [...sendActions, ...receiveActions] },
    { who: 'Worker', queue: 'FetcherDownloadQueue', actions: sendActions },
    { who: 'Fetcher', queue: 'FetcherDownloadQueue', actions: receiveActions },
    { who: 'Sweeper', queue: 'TaskingTaskQueue', actions: sendActions },
    { who: 'Sweeper', queue: 'TaskingTaskDlq', actions: ['sqs:GetQueueAttributes', ...receiveActions] },
  ];

  /** Every action the role's policies allow on the queue, whatever way CDK merged the statements. */
  const allowed = (who: string, queue: string): Set<string> => {
    const queueId = logicalIdOf(synthesized.template, 'AWS::SQS::Queue', queue);
    const roleId = logicalIdOf(synthesized.template, 'AWS::IAM::Role', `${who}FunctionServiceRole`);
    const actions = new Set<string>();
    for (const policy of Object.values(synthesized.template.findResources('AWS::IAM::Policy'))) {
      if (!JSON.stringify(policy.Properties.Roles).includes(roleId)) continue;
      for (const statement of policy.Properties.PolicyDocument.Statement as Array<Record<string, any>>) {
        const onQueue = [statement.Resource].flat().some((r) => r?.['Fn::GetAtt']?.[0] === queueId);
        if (statement.Effect === 'Allow' && onQueue) for (const a of [statement.Action].flat()) actions.add(a);
      }
    }
    return actions;
  };

  it.each(grants)('$who may use $queue', ({ who, queue, actions }) => {
    // Act
    const found = allowed(who, queue);

    // Assess
    expect([...found]).toEqual(expect.arrayContaining(actions));
  });

  it.each([
    { queue: 'TaskingTaskQueue', consumers: ['WorkerFunctionServiceRole'] },
    // The sweeper drains the DLQ: it fails the task a message names, then deletes the message.
    { queue: 'TaskingTaskDlq', consumers: ['SweeperFunctionServiceRole'] },
  ])('lets only $consumers receive from $queue', ({ queue, consumers }) => {
    // Prepare
    const queueId = logicalIdOf(synthesized.template, 'AWS::SQS::Queue', queue);

    // Act
    const found = Object.values(synthesized.template.findResources('AWS::IAM::Policy')).filter((p) =>
      (p.Properties.PolicyDocument.Statement as Array<Record<string, any>>).some(
        (s) => [s.Action].flat().includes('sqs:ReceiveMessage') && JSON.stringify(s.Resource).includes(queueId),
      ),
    );

    // Assess
    expect(found.map((p) => (p.Properties.Roles[0].Ref as string).replace(/[0-9A-F]{8}$/, ''))).toEqual(consumers);
  });
});
