import { reservedResourcesRecord, type Task } from '../../core/tasks/task';
import { f, schema } from '../../http/schema/fields';
import { workerHref } from '../workers/worker-serializer';

export const taskHref = (id: string): string => `/pulp/api/v3/tasks/${id}/`;

/** Pulp's Task response; reservations are PRNs, as in Pulp ≥ 3.63. */
export const TaskSchema = schema('Task', {
  pulp_href: f.href({ readOnly: true }),
  prn: f.string({ readOnly: true }),
  pulp_created: f.dateTime({ readOnly: true }),
  pulp_last_updated: f.dateTime({ readOnly: true }),
  state: f.string({ readOnly: true, description: 'The current state of the task.' }),
  name: f.string({ readOnly: true }),
  logging_cid: f.string({ readOnly: true }),
  created_by: f.href({ readOnly: true, nullable: true }),
  unblocked_at: f.dateTime({ readOnly: true, nullable: true }),
  started_at: f.dateTime({ readOnly: true, nullable: true }),
  finished_at: f.dateTime({ readOnly: true, nullable: true }),
  error: f.json({ readOnly: true, nullable: true }),
  worker: f.href({ readOnly: true, nullable: true }),
  parent_task: f.href({ readOnly: true, nullable: true }),
  child_tasks: f.array(f.href(), { readOnly: true }),
  task_group: f.href({ readOnly: true, nullable: true }),
  progress_reports: f.array(f.json(), { readOnly: true }),
  created_resources: f.array(f.href({ nullable: true }), { readOnly: true }),
  created_resource_prns: f.array(f.string({ nullable: true }), { readOnly: true }),
  reserved_resources_record: f.array(f.string(), { readOnly: true }),
  result: f.json({ readOnly: true, nullable: true }),
});

export function serializeTask(task: Task, childTaskIds: string[] = [], hrefToPrn: (href: string) => string | undefined = () => undefined): Record<string, unknown> {
  return {
    pulp_href: taskHref(task.id),
    prn: `prn:core.task:${task.id}`,
    pulp_created: task.pulpCreated,
    pulp_last_updated: task.pulpLastUpdated,
    state: task.state,
    name: task.name,
    logging_cid: task.loggingCid,
    created_by: null,
    unblocked_at: task.unblockedAt,
    started_at: task.startedAt,
    finished_at: task.finishedAt,
    error: task.error,
    worker: task.workerId ? workerHref(task.workerId) : null,
    parent_task: task.parentTaskId ? taskHref(task.parentTaskId) : null,
    child_tasks: childTaskIds.map(taskHref),
    task_group: task.taskGroupId ? `/pulp/api/v3/task-groups/${task.taskGroupId}/` : null,
    progress_reports: task.progressReports,
    created_resources: task.createdResources,
    // Stored beside each href when it was created; older rows fall back to what the href names.
    created_resource_prns: task.createdResources.map((h, i) => task.createdResourcePrns[i] || hrefToPrn(h) || null),
    reserved_resources_record: reservedResourcesRecord(task),
    result: task.result ?? null,
  };
}
