import type { ObjectScope } from '../../core/access/route-access';
import { addScope } from './access/scope-sql';
import type { PoolClient } from 'pg';
import type { ProgressReport, Task, TaskState } from '../../core/tasks/task';
import type { AbandonedTask, CancelOutcome, NewTask, Outcome, Page, StartOutcome, TaskFilter, TaskStore } from '../../core/tasks/task-store';
import { Database, type Queryable } from './database';
import { likeEscape, SqlFilter } from './sql-filter';
import { groupBy } from '../../core/group-by';

interface TaskRow {
  id: string;
  seq: number;
  name: string;
  state: TaskState;
  args: Record<string, unknown>;
  logging_cid: string;
  user_id?: string | null;
  exclusive_resources: string[];
  shared_resources: string[];
  message_group: string;
  unblocked_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  error: Task['error'];
  worker_name: string | null;
  worker_id: string | null;
  parent_task_id: string | null;
  task_group_id: string | null;
  progress_reports: ProgressReport[];
  created_resources: string[];
  created_resource_prns: string[];
  result: unknown;
  attempts: number;
  checkpoint: unknown;
  pulp_created: string;
  pulp_last_updated: string;
}

function toTask(row: TaskRow): Task {
  return {
    id: row.id,
    name: row.name,
    state: row.state,
    args: row.args,
    loggingCid: row.logging_cid,
    userId: row.user_id ?? null,
    exclusiveResources: row.exclusive_resources,
    sharedResources: row.shared_resources,
    messageGroup: row.message_group,
    unblockedAt: row.unblocked_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    error: row.error,
    workerName: row.worker_name,
    workerId: row.worker_id,
    parentTaskId: row.parent_task_id,
    taskGroupId: row.task_group_id,
    progressReports: row.progress_reports,
    createdResources: row.created_resources,
    createdResourcePrns: row.created_resource_prns ?? [],
    result: row.result,
    attempts: row.attempts,
    checkpoint: row.checkpoint,
    pulpCreated: row.pulp_created,
    pulpLastUpdated: row.pulp_last_updated,
  };
}

/**
 * A conflicting reservation: `o` holds (or waits earlier for) a resource `t` needs in a
 * mode that excludes it. Shared with shared is the only compatible pair.
 */
const CONFLICTS = `(o.exclusive_resources && (t.exclusive_resources || t.shared_resources)
                    OR o.shared_resources && t.exclusive_resources)`;

/**
 * Per resource, the deferred tasks looked at when it frees: the first is woken, and the shared
 * users right behind a shared first one (they can run together). The rest wait their turn.
 */
const WAKE_WINDOW = 50;

/** Inserts a task row, on the pool or inside a caller's transaction (a schedule's claim). */
export async function insertTask(db: Queryable, task: NewTask): Promise<Task> {
  const { rows } = await db.query<TaskRow>(
    `INSERT INTO tasks (id, name, args, logging_cid, exclusive_resources, shared_resources,
                        message_group, parent_task_id, task_group_id, user_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
    [
      task.id,
      task.name,
      JSON.stringify(task.args),
      task.loggingCid,
      task.exclusiveResources,
      task.sharedResources,
      task.messageGroup,
      task.parentTaskId ?? null,
      task.taskGroupId ?? null,
      task.userId ?? null,
    ],
  );
  return toTask(rows[0]!);
}

/**
 * Who to wake for each freed resource: the oldest task needing it and, when that one only
 * shares it, the sharers right behind it up to the first exclusive user.
 */
function nextPerResource(rows: Array<TaskRow & { resource: string }>): Task[] {
  const byResource = groupBy(rows, (row) => row.resource);
  const chosen = new Map<string, TaskRow>();
  for (const [resource, queue] of byResource) {
    for (const row of queue) {
      const exclusive = row.exclusive_resources.includes(resource);
      if (exclusive && row !== queue[0]) break;
      chosen.set(row.id, row);
      if (exclusive) break;
    }
  }
  return [...chosen.values()].sort((a, b) => a.seq - b.seq).map(toTask);
}

export class PgTaskStore implements TaskStore {
  constructor(private readonly db: Database) {}

  insert(task: NewTask): Promise<Task> {
    return insertTask(this.db, task);
  }

  async get(id: string): Promise<Task | undefined> {
    const { rows } = await this.db.query<TaskRow>('SELECT * FROM tasks WHERE id = $1', [id]);
    return rows[0] ? toTask(rows[0]) : undefined;
  }

  async list(filter: TaskFilter, page: Page): Promise<{ count: number; results: Task[] }> {
    const where = new SqlFilter();
    if (filter.state) where.where('state = $?', filter.state);
    if (filter.stateIn?.length) where.where('state = ANY($?::text[])', filter.stateIn);
    if (filter.name) where.where('name = $?', filter.name);
    // `_` and `%` are literal in Pulp's __contains filters.
    if (filter.nameContains) where.where('name LIKE $?', `%${likeEscape(filter.nameContains)}%`);
    if (filter.loggingCidContains) where.where('logging_cid LIKE $?', `%${likeEscape(filter.loggingCidContains)}%`);
    if (filter.workerName) where.where('worker_name = $?', filter.workerName);
    if (filter.workerId) where.where('worker_id = $?', filter.workerId);
    if (filter.parentTaskId) where.where('parent_task_id = $?', filter.parentTaskId);
    if (filter.taskGroupId) where.where('task_group_id = $?', filter.taskGroupId);
    // An href or a PRN: each is stored in its own column, in the same position.
    if (filter.createdResources) where.where('(created_resources @> ARRAY[$?]::text[] OR created_resource_prns @> ARRAY[$?]::text[])', filter.createdResources, filter.createdResources);
    if (filter.reservedResourcesAll?.length) {
      where.where('(exclusive_resources || shared_resources) @> $?::text[]', filter.reservedResourcesAll);
    }
    if (filter.exclusiveResourcesAll?.length) where.where('exclusive_resources @> $?::text[]', filter.exclusiveResourcesAll);
    if (filter.sharedResourcesAll?.length) where.where('shared_resources @> $?::text[]', filter.sharedResourcesAll);
    if (filter.startedAtGte) where.where('started_at >= $?', filter.startedAtGte);
    if (filter.startedAtLte) where.where('started_at <= $?', filter.startedAtLte);
    if (filter.finishedAtGte) where.where('finished_at >= $?', filter.finishedAtGte);
    if (filter.finishedAtLte) where.where('finished_at <= $?', filter.finishedAtLte);
    if (filter.ids) where.where('id = ANY($?::uuid[])', filter.ids);
    addScope(where, filter.scope, { id: 'id' });
    const clause = where.sql();
    const { params } = where;
    const count = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM tasks ${clause}`, params);
    const { rows } = await this.db.query<TaskRow>(
      `SELECT * FROM tasks ${clause} ORDER BY pulp_created DESC, seq DESC LIMIT ${page.limit} OFFSET ${page.offset}`,
      params,
    );
    return { count: count.rows[0]!.n, results: rows.map(toTask) };
  }

  async tryStart(id: string, workerName: string, deadline: Date): Promise<StartOutcome> {
    return this.db.transaction(async (client) => {
      const current = await this.read(client, id);
      if (current?.state !== 'waiting') return { kind: 'not-waiting', task: current };
      // Serialize with every other start/finish touching these resources (see finish()).
      await Database.lockResources(client, [...current.exclusiveResources, ...current.sharedResources]);
      const { rows } = await client.query<TaskRow>(
        `UPDATE tasks t
            SET state = 'running', started_at = clock_timestamp(),
                unblocked_at = coalesce(unblocked_at, clock_timestamp()),
                worker_name = $2, worker_id = (SELECT id FROM workers WHERE name = $2),
                deadline_at = $3, heartbeat_at = clock_timestamp(),
                attempts = attempts + 1, deferred = false, pulp_last_updated = clock_timestamp()
          WHERE t.id = $1 AND t.state = 'waiting'
            AND NOT EXISTS (
              SELECT 1 FROM tasks o
               WHERE o.id <> t.id
                 AND o.state IN ('waiting', 'running', 'canceling')
                 -- An earlier waiting task goes first, unless it shares our FIFO group: then
                 -- SQS already serializes the two, and deferring would requeue us behind the
                 -- whole group (concurrent dispatches can enqueue out of creation order).
                 AND (o.state <> 'waiting' OR (o.seq < t.seq AND o.message_group <> t.message_group))
                 AND ${CONFLICTS})
          RETURNING *`,
        [id, workerName, deadline],
      );
      if (rows[0]) return { kind: 'started', task: toTask(rows[0]) };
      const { rows: deferred } = await client.query<TaskRow>(
        `UPDATE tasks SET deferred = true WHERE id = $1 AND state = 'waiting' RETURNING *`,
        [id],
      );
      return deferred[0] ? { kind: 'blocked' } : { kind: 'not-waiting', task: await this.read(client, id) };
    });
  }

  async finish(id: string, outcome: Outcome, options: { includeUndeferred?: boolean } = {}): Promise<{ task: Task; toWake: Task[] }> {
    return this.db.transaction(async (client) => {
      const current = await this.read(client, id, true);
      if (!current) throw new Error(`Task ${id} does not exist`);
      await Database.lockResources(client, [...current.exclusiveResources, ...current.sharedResources]);
      const { rows } = await client.query<TaskRow>(
        `UPDATE tasks
            SET state = $2, result = $3, error = $4, finished_at = clock_timestamp(),
                deadline_at = NULL, suspended = false, pulp_last_updated = clock_timestamp()
          WHERE id = $1 AND state IN ('waiting', 'running', 'canceling')
          RETURNING *`,
        [
          id,
          outcome.state,
          outcome.state === 'completed' ? JSON.stringify(outcome.result ?? null) : null,
          outcome.state === 'completed' ? null : JSON.stringify(outcome.error),
        ],
      );
      if (!rows[0]) return { task: current, toWake: [] };
      // For each resource the task held: the waiting tasks it kept out, oldest first. A task
      // that held a resource shared only kept out those wanting it exclusively.
      const { rows: wake } = await client.query<TaskRow & { resource: string }>(
        `WITH held AS (
           SELECT unnest(exclusive_resources) AS resource, true AS exclusive FROM tasks WHERE id = $1
           UNION ALL
           SELECT unnest(shared_resources), false FROM tasks WHERE id = $1)
         SELECT held.resource, t.* FROM held CROSS JOIN LATERAL (
           SELECT * FROM tasks t
            WHERE t.state = 'waiting' AND (t.deferred OR $2) AND t.id <> $1
              AND (t.exclusive_resources @> ARRAY[held.resource]
                   OR (held.exclusive AND t.shared_resources @> ARRAY[held.resource]))
            ORDER BY t.seq LIMIT ${WAKE_WINDOW}) t
         ORDER BY held.resource, t.seq`,
        [id, options.includeUndeferred === true],
      );
      const toWake = nextPerResource(wake);
      // Woken once: until its wake-up is delivered (and finds it blocked again) no other
      // finish wakes it a second time. A wake-up that gets lost leaves it first in line and
      // untouched, which the sweeper re-wakes.
      if (toWake.length) await client.query('UPDATE tasks SET deferred = false WHERE id = ANY($1::uuid[])', [toWake.map((t) => t.id)]);
      return { task: toTask(rows[0]), toWake };
    });
  }

  async setProgress(id: string, reports: ProgressReport[]): Promise<TaskState | undefined> {
    const { rows } = await this.db.query<{ state: TaskState }>(
      `UPDATE tasks SET progress_reports = $2, heartbeat_at = clock_timestamp(), pulp_last_updated = clock_timestamp()
        WHERE id = $1 RETURNING state`,
      [id, JSON.stringify(reports)],
    );
    return rows[0]?.state;
  }

  async renewLease(id: string): Promise<TaskState | undefined> {
    const { rows } = await this.db.query<{ state: TaskState }>(
      `WITH renewed AS (
         UPDATE tasks SET heartbeat_at = clock_timestamp() WHERE id = $1 AND state IN ('running', 'canceling') RETURNING state)
       SELECT state FROM renewed
       UNION ALL
       SELECT state FROM tasks WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM renewed)`,
      [id],
    );
    return rows[0]?.state;
  }

  async requestCancel(id: string): Promise<CancelOutcome> {
    const current = await this.get(id);
    if (!current) return { kind: 'missing' };
    if (current.state === 'waiting') {
      const { task, toWake } = await this.finish(id, { state: 'canceled', error: { reason: 'Task was canceled before it started.' } });
      // A worker may have started it meanwhile: then it is running and gets the flag below.
      if (task.state === 'canceled') return { kind: 'canceled', task, toWake };
    }
    const { rows } = await this.db.query<TaskRow>(
      `UPDATE tasks SET state = 'canceling', pulp_last_updated = clock_timestamp()
        WHERE id = $1 AND state IN ('running', 'canceling') RETURNING *`,
      [id],
    );
    if (rows[0]) return { kind: 'canceling', task: toTask(rows[0]) };
    return { kind: 'final', task: (await this.get(id))! };
  }

  async suspend(id: string, checkpoint: unknown): Promise<void> {
    await this.db.query(
      `UPDATE tasks SET suspended = true, checkpoint = $2, deadline_at = NULL, heartbeat_at = clock_timestamp(),
                        pulp_last_updated = clock_timestamp()
        WHERE id = $1 AND state IN ('running', 'canceling')`,
      [id, JSON.stringify(checkpoint ?? null)],
    );
  }

  async resume(id: string, workerName: string, deadline: Date): Promise<Task | undefined> {
    const { rows } = await this.db.query<TaskRow>(
      `UPDATE tasks SET suspended = false, worker_name = $2, worker_id = (SELECT id FROM workers WHERE name = $2),
                        deadline_at = $3, heartbeat_at = clock_timestamp(),
                        attempts = attempts + 1, pulp_last_updated = clock_timestamp()
        WHERE id = $1 AND suspended AND state IN ('running', 'canceling') RETURNING *`,
      [id, workerName, deadline],
    );
    return rows[0] ? toTask(rows[0]) : undefined;
  }

  async findAbandoned(graceSeconds: number, leaseSeconds: number): Promise<AbandonedTask[]> {
    // Past the deadline the invocation cannot still be running; a lease that its invocation
    // stopped renewing (heartbeat_at) points at one that died, or at a stall: the caller confirms.
    const { rows } = await this.db.query<TaskRow & { past_deadline: boolean }>(
      `SELECT t.*, coalesce(t.deadline_at < clock_timestamp() - make_interval(secs => $1), false) AS past_deadline
         FROM tasks t
        WHERE t.state IN ('running', 'canceling') AND NOT t.suspended
          AND (t.deadline_at < clock_timestamp() - make_interval(secs => $1)
               OR t.heartbeat_at < clock_timestamp() - make_interval(secs => $2))
        ORDER BY t.seq LIMIT 100`,
      [graceSeconds, leaseSeconds],
    );
    return rows.map((row) => ({ task: toTask(row), cause: row.past_deadline ? 'deadline' : 'lease' }));
  }

  async findStuck(olderThanSeconds: number, limit: number): Promise<Task[]> {
    // First in line: nothing conflicting runs or waits before it, and nothing conflicting
    // finished lately (whose wake-up may still be on its way).
    const { rows } = await this.db.query<TaskRow>(
      `SELECT t.* FROM tasks t
        WHERE t.pulp_last_updated < clock_timestamp() - make_interval(secs => $1)
          AND ((t.state = 'waiting'
                AND NOT EXISTS (
                  SELECT 1 FROM tasks o
                   WHERE o.id <> t.id AND ${CONFLICTS}
                     AND (o.state IN ('running', 'canceling')
                          OR (o.state = 'waiting' AND o.seq < t.seq)
                          OR o.finished_at > clock_timestamp() - make_interval(secs => $1))))
               OR (t.state IN ('running', 'canceling') AND t.suspended))
        ORDER BY t.seq LIMIT ${limit}`,
      [olderThanSeconds],
    );
    return rows.map(toTask);
  }

  async delete(id: string): Promise<'deleted' | 'not-final' | 'missing'> {
    const { rowCount } = await this.db.query(
      `DELETE FROM tasks WHERE id = $1 AND state IN ('completed', 'failed', 'canceled', 'skipped')`,
      [id],
    );
    if (rowCount) return 'deleted';
    return (await this.get(id)) ? 'not-final' : 'missing';
  }

  async purge(finishedBefore: Date, states: TaskState[], scope?: ObjectScope): Promise<number> {
    // In batches, so a table of millions of rows never loads or locks at once.
    const where = new SqlFilter().where('finished_at < $?', finishedBefore).where('state = ANY($?::text[])', states);
    addScope(where, scope, { id: 'id' });
    let total = 0;
    for (;;) {
      const { rowCount } = await this.db.query(`DELETE FROM tasks WHERE id IN (SELECT id FROM tasks ${where.sql()} LIMIT 5000)`, where.params);
      total += rowCount ?? 0;
      if (!rowCount) return total;
    }
  }

  async childTaskIds(ids: string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>();
    if (!ids.length) return result;
    const { rows } = await this.db.query<{ id: string; parent_task_id: string }>(
      `SELECT id, parent_task_id FROM tasks WHERE parent_task_id = ANY($1::uuid[]) ORDER BY seq`,
      [ids],
    );
    for (const [parent, children] of groupBy(rows, (row) => row.parent_task_id)) result.set(parent, children.map((row) => row.id));
    return result;
  }

  async addCreatedResource(id: string, href: string, prn: string | null): Promise<void> {
    // The PRN column stays aligned with the href column: '' where a PRN is unknown.
    await this.db.query(
      `UPDATE tasks SET created_resources = array_append(created_resources, $2),
                        created_resource_prns = array_append(created_resource_prns, $3)
        WHERE id = $1 AND NOT ($2 = ANY(created_resources))`,
      [id, href, prn ?? ''],
    );
  }

  async removeCreatedResource(id: string, href: string): Promise<void> {
    await this.db.query(
      `UPDATE tasks SET created_resource_prns = created_resource_prns[:array_position(created_resources, $2) - 1]
                                                || created_resource_prns[array_position(created_resources, $2) + 1:],
                        created_resources = array_remove(created_resources, $2)
        WHERE id = $1 AND $2 = ANY(created_resources)`,
      [id, href],
    );
  }

  private async read(client: PoolClient, id: string, forUpdate = false): Promise<Task | undefined> {
    const { rows } = await client.query<TaskRow>(`SELECT * FROM tasks WHERE id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`, [id]);
    return rows[0] ? toTask(rows[0]) : undefined;
  }
}
