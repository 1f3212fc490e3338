import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Database } from '../adapters/postgres/database';
import { PgTaskScheduleStore } from '../adapters/postgres/task-schedule-store';
import { PgTaskStore } from '../adapters/postgres/task-store';
import { SqsDeadLetterQueue } from '../adapters/sqs/sqs-dead-letter-queue';
import { SqsTaskQueue } from '../adapters/sqs/sqs-task-queue';
import type { Logger } from '../core/logger';
import { TaskDispatcher } from '../core/tasks/dispatcher';
import { TaskCanceller } from '../core/tasks/task-canceller';
import { TaskCreator } from '../core/tasks/task-creator';
import { TaskRegistry } from '../core/tasks/task-registry';
import { TaskRunner, type TaskRunnerOptions } from '../core/tasks/task-runner';
import type { TaskScheduleStore } from '../core/tasks/task-schedule';
import { TaskScheduler } from '../core/tasks/task-scheduler';
import { TaskSweeper } from '../core/tasks/task-sweeper';
import type { WorkerRegistry } from '../core/workers/worker-registry';
import type { Config } from './config';
import { scheduledRequest } from './tasks/scheduled-tasks';

/** The task system wired to Postgres and SQS: everything that creates, runs, watches and schedules tasks. */
export function buildTasking(
  config: Config,
  db: Database,
  sqs: SQSClient,
  workers: WorkerRegistry,
  logger: Logger,
  actingAs?: TaskRunnerOptions['actingAs'],
) {
  const taskStore = new PgTaskStore(db);
  const taskQueue = new SqsTaskQueue(sqs, config.taskQueueUrl);
  const registry = new TaskRegistry();
  const creator = new TaskCreator(taskStore, taskQueue, logger);
  const runner = new TaskRunner(taskStore, taskQueue, registry, creator, {
    maxReceiveCount: config.maxReceiveCount,
    logger,
    leaseSeconds: config.workerTtlSeconds,
    actingAs,
  });
  const taskSchedules: TaskScheduleStore = new PgTaskScheduleStore(db);
  const sweeper = new TaskSweeper({
    store: taskStore,
    queue: taskQueue,
    creator,
    runner,
    workers,
    logger,
    deadLetters: config.taskDlqUrl ? new SqsDeadLetterQueue(sqs, config.taskDlqUrl) : undefined,
    scheduler: new TaskScheduler(taskSchedules, creator, scheduledRequest),
  });
  return {
    taskStore,
    taskQueue,
    registry,
    creator,
    runner,
    taskSchedules,
    dispatcher: new TaskDispatcher(creator, runner, taskStore, logger),
    canceller: new TaskCanceller(taskStore, runner),
    sweeper,
  };
}
