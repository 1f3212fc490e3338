import type { TaskResourceStore } from '../../../core/ports/task-resource-store';
import type { Queryable } from '../database';

export class PgTaskResourceStore implements TaskResourceStore {
  constructor(private readonly q: Queryable) {}

  async addCreated(taskId: string, href: string, prn: string | null): Promise<void> {
    // The PRN column stays aligned with the href column: '' where a PRN is unknown.
    await this.q.query(
      `UPDATE tasks SET created_resources = array_append(created_resources, $2),
                        created_resource_prns = array_append(created_resource_prns, $3)
        WHERE id = $1 AND NOT ($2 = ANY(created_resources))`,
      [taskId, href, prn ?? ''],
    );
  }
}
