import type { TaskState } from './task';
import type { TaskFunction } from './task-context';
import type { TaskStore } from './task-store';

export const PURGE_TASK = 'pulpcore.app.tasks.purge.purge';

/** Deletes finished tasks in batches: a large tasks table degrades everything (Pulp #5378). */
export function purgeTask(store: TaskStore): TaskFunction {
  return async (_ctx, args) => {
    const finishedBefore = new Date(String(args.finished_before));
    const states = (args.states as TaskState[] | undefined) ?? ['completed'];
    const deleted = await store.purge(finishedBefore, states);
    return { deleted };
  };
}
