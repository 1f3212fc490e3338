import type { TaskRunner } from './task-runner';
import type { CancelOutcome, TaskStore } from './task-store';

/**
 * Pulp's cancel: a waiting task is canceled at once (and whoever waited behind it woken);
 * a running one becomes `canceling` and stops at its next checkpoint; a final one is a conflict.
 */
export class TaskCanceller {
  constructor(
    private readonly store: TaskStore,
    private readonly runner: TaskRunner,
  ) {}

  async cancel(taskId: string): Promise<CancelOutcome> {
    const outcome = await this.store.requestCancel(taskId);
    if (outcome.kind === 'canceled') await this.runner.wakeAll(outcome.toWake, taskId);
    return outcome;
  }
}
