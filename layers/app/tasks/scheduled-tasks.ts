import { ORPHANS_RESOURCE } from '../../api/orphans/orphan-routes';
import { orphanCleanupTask, purgeTask } from '../../core/tasks/core-tasks';
import type { DispatchRequest } from '../../core/tasks/task-creator';
import type { TaskHandle } from '../../core/tasks/task-definition';
import type { ScheduledRequest } from '../../core/tasks/task-scheduler';

/** Pulp's defaults: orphans are protected a day, purge keeps 30 days of completed tasks. */
const ORPHAN_PROTECTION_MINUTES = 1440;
const PURGE_KEEP_DAYS = 30;

function request<A extends object>(task: TaskHandle<A>, args: A, options: Omit<DispatchRequest, 'name' | 'args'> = {}): DispatchRequest {
  return { ...options, name: task.name, args: args as Record<string, unknown> };
}

/**
 * What each schedulable task dispatches when its schedule fires: the same arguments and
 * reservations as the API's own endpoints give it, computed at the tick.
 */
export const scheduledRequest: ScheduledRequest = (taskName, now) => {
  switch (taskName) {
    case orphanCleanupTask.name:
      return request(orphanCleanupTask, { protectionMinutes: ORPHAN_PROTECTION_MINUTES }, { exclusiveResources: [ORPHANS_RESOURCE] });
    case purgeTask.name:
      return request(purgeTask, { finished_before: new Date(now.getTime() - PURGE_KEEP_DAYS * 86_400_000).toISOString(), states: ['completed'] });
    default:
      return undefined;
  }
};
