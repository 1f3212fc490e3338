import type { ObjectScope } from '../access/route-access';
import type { TaskState } from './task';

/** Pulp's TaskGroup: tasks dispatched together, with a count per state. */
export interface TaskGroup {
  id: string;
  description: string;
  allTasksDispatched: boolean;
  counts: Record<TaskState, number>;
  tasks: Array<{ id: string; name: string; state: TaskState }>;
  pulpCreated: string;
  pulpLastUpdated: string;
}

export interface TaskGroupStore {
  create(id: string, description: string): Promise<void>;
  markAllDispatched(id: string): Promise<void>;
  get(id: string): Promise<TaskGroup | undefined>;
  /** `scope`: only groups holding a task the user may see. */
  list(page: { limit: number; offset: number }, scope?: ObjectScope): Promise<{ count: number; results: TaskGroup[] }>;
}
