import type { ObjectScope } from '../../core/access/route-access';
import { scopeCondition } from './access/scope-sql';
import { SqlFilter } from './sql-filter';
import { TASK_STATES, type TaskState } from '../../core/tasks/task';
import type { TaskGroup, TaskGroupStore } from '../../core/tasks/task-group';
import type { Database } from './database';

interface GroupRow {
  id: string;
  description: string;
  all_tasks_dispatched: boolean;
  pulp_created: string;
  pulp_last_updated: string;
}

export class PgTaskGroupStore implements TaskGroupStore {
  constructor(private readonly db: Database) {}

  async create(id: string, description: string): Promise<void> {
    await this.db.query('INSERT INTO task_groups (id, description) VALUES ($1, $2)', [id, description]);
  }

  async markAllDispatched(id: string): Promise<void> {
    await this.db.query(
      'UPDATE task_groups SET all_tasks_dispatched = true, pulp_last_updated = clock_timestamp() WHERE id = $1',
      [id],
    );
  }

  async get(id: string): Promise<TaskGroup | undefined> {
    const { rows } = await this.db.query<GroupRow>('SELECT * FROM task_groups WHERE id = $1', [id]);
    return rows[0] ? (await this.withTasks(rows))[0] : undefined;
  }

  async list(page: { limit: number; offset: number }, scope?: ObjectScope): Promise<{ count: number; results: TaskGroup[] }> {
    const where = new SqlFilter();
    if (scope) where.conditions.push(`id IN (SELECT t.task_group_id FROM tasks t WHERE ${scopeCondition(where, scope, { id: 't.id' })})`);
    const count = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM task_groups ${where.sql()}`, where.params);
    const { rows } = await this.db.query<GroupRow>(
      `SELECT * FROM task_groups ${where.sql()} ORDER BY pulp_created DESC LIMIT ${page.limit} OFFSET ${page.offset}`,
      where.params,
    );
    return { count: count.rows[0]!.n, results: await this.withTasks(rows) };
  }

  private async withTasks(groups: GroupRow[]): Promise<TaskGroup[]> {
    const { rows } = await this.db.query<{ id: string; name: string; state: TaskState; task_group_id: string }>(
      'SELECT id, name, state, task_group_id FROM tasks WHERE task_group_id = ANY($1::uuid[]) ORDER BY seq',
      [groups.map((g) => g.id)],
    );
    return groups.map((g) => {
      const tasks = rows.filter((r) => r.task_group_id === g.id).map(({ id, name, state }) => ({ id, name, state }));
      const counts = Object.fromEntries(TASK_STATES.map((s) => [s, tasks.filter((t) => t.state === s).length])) as Record<TaskState, number>;
      return {
        id: g.id,
        description: g.description,
        allTasksDispatched: g.all_tasks_dispatched,
        counts,
        tasks,
        pulpCreated: g.pulp_created,
        pulpLastUpdated: g.pulp_last_updated,
      };
    });
  }
}
