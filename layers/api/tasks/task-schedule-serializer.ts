import type { TaskSchedule } from '../../core/tasks/task-schedule';
import { f, schema } from '../../http/schema/fields';
import { taskHref } from './task-serializer';

export const taskScheduleHref = (id: string): string => `/pulp/api/v3/task-schedules/${id}/`;

export const TaskScheduleSchema = schema('TaskSchedule', {
  pulp_href: f.href({ readOnly: true }),
  prn: f.string({ readOnly: true }),
  pulp_created: f.dateTime({ readOnly: true }),
  pulp_last_updated: f.dateTime({ readOnly: true }),
  name: f.string({ description: 'The name of the task schedule.' }),
  task_name: f.string({ description: 'The name of the task to be scheduled.' }),
  dispatch_interval: f.string({ nullable: true, description: 'Periodicity of the schedule.' }),
  next_dispatch: f.dateTime({ readOnly: true, nullable: true, description: 'Timestamp of the next time the task will be dispatched.' }),
  last_task: f.href({ readOnly: true, nullable: true, description: 'The last task dispatched by this schedule.' }),
});

/** Django's duration_string, which DRF's DurationField renders: `[D ]HH:MM:SS[.ffffff]`. */
export function durationString(totalSeconds: number): string {
  const micros = Math.round(totalSeconds * 1e6);
  const days = Math.floor(micros / 86_400e6);
  let rest = micros - days * 86_400e6;
  const hours = Math.floor(rest / 3_600e6);
  rest -= hours * 3_600e6;
  const minutes = Math.floor(rest / 60e6);
  rest -= minutes * 60e6;
  const seconds = Math.floor(rest / 1e6);
  const fraction = rest - seconds * 1e6;
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(hours)}:${pad(minutes)}:${pad(seconds)}${fraction ? `.${String(fraction).padStart(6, '0')}` : ''}`;
  return days ? `${days} ${time}` : time;
}

export function serializeTaskSchedule(s: TaskSchedule): Record<string, unknown> {
  return {
    pulp_href: taskScheduleHref(s.id),
    prn: `prn:core.taskschedule:${s.id}`,
    pulp_created: s.pulpCreated,
    pulp_last_updated: s.pulpLastUpdated,
    name: s.name,
    task_name: s.taskName,
    dispatch_interval: s.dispatchIntervalSeconds === null ? null : durationString(s.dispatchIntervalSeconds),
    next_dispatch: s.nextDispatch,
    last_task: s.lastTaskId ? taskHref(s.lastTaskId) : null,
  };
}
