import type { DispatchRequest, TaskCreator } from './task-creator';
import type { Task } from './task';
import type { TaskSchedule, TaskScheduleStore } from './task-schedule';

/** What a schedule of `taskName` dispatches at `now`; undefined for a task this server cannot schedule. */
export type ScheduledRequest = (taskName: string, now: Date) => DispatchRequest | undefined;

/**
 * Fires due task schedules. The claim happens in Postgres (see TaskScheduleStore.claimDue), so
 * it may run in every sweeper at once; the wake-ups go out after the claim commits.
 */
export class TaskScheduler {
  constructor(
    private readonly store: TaskScheduleStore,
    private readonly creator: TaskCreator,
    private readonly requestFor: ScheduledRequest,
  ) {}

  async tick(now = new Date()): Promise<Task[]> {
    const tasks = await this.store.claimDue((schedule: TaskSchedule) => {
      const request = this.requestFor(schedule.taskName, now);
      return request && this.creator.prepare(request);
    });
    for (const task of tasks) await this.creator.wake(task);
    return tasks;
  }
}
