/** Thrown inside a task function when a cancel was requested; the runner records `canceled`. */
export class TaskCanceled extends Error {
  constructor() {
    super('Task canceled');
    this.name = 'TaskCanceled';
  }
}

/**
 * Thrown by `ctx.continueLater(state)`: the invocation is nearly out of time, so the runner
 * saves `state`, keeps the task `running` (reservations held) and enqueues a continuation.
 */
export class TaskSuspended extends Error {
  constructor(readonly checkpoint: unknown) {
    super('Task suspended until its continuation runs');
    this.name = 'TaskSuspended';
  }
}

/** The invocation running the task reached its deadline before the task finished. */
export class TaskDeadlineExceeded extends Error {
  constructor(readonly budgetMs: number) {
    super(`The task did not finish within the ${Math.round(budgetMs / 1000)} s its invocation had, and was stopped.`);
    this.name = 'TaskDeadlineExceeded';
  }
}

/** The task was finished by someone else meanwhile (the sweeper gave up on it): stop working on it. */
export class TaskLost extends Error {
  constructor() {
    super('The task was finished elsewhere while this invocation ran it.');
    this.name = 'TaskLost';
  }
}
