import type { ObjectScope } from '../../../core/access/route-access';
import type { Queryable } from '../database';
import { SqlFilter } from '../sql-filter';
import { repositoryScope } from './scope-sql';

/** Whether a repository the scope lets its user see holds the content unit (in any version). */
export async function contentVisible(db: Queryable, contentId: string, scope: ObjectScope): Promise<boolean> {
  const where = new SqlFilter().where('rc.content_id = $?', contentId);
  where.conditions.push(repositoryScope(where, scope, 'rc.repository_id'));
  const { rows } = await db.query(`SELECT 1 FROM repository_content rc ${where.sql()} LIMIT 1`, where.params);
  return rows.length > 0;
}
