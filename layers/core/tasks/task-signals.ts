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
