import type { Task } from '../../core/tasks/task';
import type { TaskSchedule, TaskScheduleFilter, TaskScheduleStore } from '../../core/tasks/task-schedule';
import type { NewTask } from '../../core/tasks/task-store';
import type { Database } from './database';
import { likeEscape, SqlFilter } from './sql-filter';
import { insertTask } from './task-store';

interface ScheduleRow {
  id: string;
  name: string;
  task_name: string;
  interval_seconds: number | null;
  next_dispatch: string | null;
  last_task_id: string | null;
  pulp_created: string;
  pulp_last_updated: string;
}

const COLUMNS = `id, name, task_name, extract(epoch FROM dispatch_interval)::float8 AS interval_seconds,
                 next_dispatch, last_task_id, pulp_created, pulp_last_updated`;

function toSchedule(row: ScheduleRow): TaskSchedule {
  return {
    id: row.id,
    name: row.name,
    taskName: row.task_name,
    dispatchIntervalSeconds: row.interval_seconds,
    nextDispatch: row.next_dispatch,
    lastTaskId: row.last_task_id,
    pulpCreated: row.pulp_created,
    pulpLastUpdated: row.pulp_last_updated,
  };
}

export class PgTaskScheduleStore implements TaskScheduleStore {
  constructor(private readonly db: Database) {}

  async list(filter: TaskScheduleFilter, page: { limit: number; offset: number }): Promise<{ count: number; results: TaskSchedule[] }> {
    const where = new SqlFilter();
    if (filter.name) where.where('name = $?', filter.name);
    if (filter.nameContains) where.where('name LIKE $?', `%${likeEscape(filter.nameContains)}%`);
    if (filter.taskName) where.where('task_name = $?', filter.taskName);
    if (filter.taskNameContains) where.where('task_name LIKE $?', `%${likeEscape(filter.taskNameContains)}%`);
    const clause = where.sql();
    const count = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM task_schedules ${clause}`, where.params);
    const { rows } = await this.db.query<ScheduleRow>(
      `SELECT ${COLUMNS} FROM task_schedules ${clause} ORDER BY name LIMIT ${page.limit} OFFSET ${page.offset}`,
      where.params,
    );
    return { count: count.rows[0]!.n, results: rows.map(toSchedule) };
  }

  async get(id: string): Promise<TaskSchedule | undefined> {
    const { rows } = await this.db.query<ScheduleRow>(`SELECT ${COLUMNS} FROM task_schedules WHERE id = $1`, [id]);
    return rows[0] ? toSchedule(rows[0]) : undefined;
  }

  async claimDue(build: (schedule: TaskSchedule) => NewTask | undefined | Promise<NewTask | undefined>): Promise<Task[]> {
    return this.db.transaction(async (client) => {
      // A schedule whose last task still runs waits for it (Pulp's rule); one another
      // sweeper holds is skipped, not waited for.
      const { rows } = await client.query<ScheduleRow>(
        `SELECT ${COLUMNS} FROM task_schedules s
          WHERE s.next_dispatch <= clock_timestamp()
            AND NOT EXISTS (SELECT 1 FROM tasks t
                             WHERE t.id = s.last_task_id AND t.state IN ('waiting', 'running', 'canceling'))
          ORDER BY s.next_dispatch
          FOR UPDATE OF s SKIP LOCKED`,
      );
      const tasks: Task[] = [];
      for (const schedule of rows.map(toSchedule)) {
        const newTask = await build(schedule);
        if (!newTask) continue;
        const task = await insertTask(client, newTask);
        // Past now in whole intervals: a sweeper that was down does not fire the missed ticks.
        await client.query(
          `UPDATE task_schedules
              SET last_task_id = $2, pulp_last_updated = clock_timestamp(),
                  next_dispatch = CASE WHEN dispatch_interval IS NULL THEN NULL
                    ELSE next_dispatch + dispatch_interval * (floor(extract(epoch FROM clock_timestamp() - next_dispatch)
                                                                    / extract(epoch FROM dispatch_interval)) + 1) END
            WHERE id = $1`,
          [schedule.id, task.id],
        );
        tasks.push(task);
      }
      return tasks;
    });
  }
}
