import { newId } from '../ids';
import type { DispatchRequest, TaskDispatcher } from './dispatcher';
import type { Task } from './task';
import type { TaskGroupStore } from './task-group';

/**
 * Dispatches tasks as one Pulp task group: pulp-cli follows the group's counts until none is
 * waiting, running or canceling. `all_tasks_dispatched` is set only once every task exists.
 */
export async function dispatchGroup(
  dispatcher: TaskDispatcher,
  groups: TaskGroupStore,
  description: string,
  requests: DispatchRequest[],
): Promise<{ groupId: string; tasks: Task[] }> {
  const groupId = newId();
  await groups.create(groupId, description);
  const tasks: Task[] = [];
  for (const request of requests) tasks.push(await dispatcher.dispatch({ ...request, taskGroupId: groupId }));
  await groups.markAllDispatched(groupId);
  return { groupId, tasks };
}
