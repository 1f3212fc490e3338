import { newId } from '../../../core/ids';
import type { ObjectRef } from '../../../core/access/object-ref';
import type { AssignmentFilter, Holder, Role, RoleAssignment, RoleFilter, RoleStore } from '../../../core/access/role-store';
import type { Found, Window } from '../../../core/models/page';
import type { Database } from '../database';
import { orderBy } from '../ordering-sql';
import { addTextFilter, SqlFilter } from '../sql-filter';

interface RoleRow {
  id: string;
  name: string;
  description: string | null;
  locked: boolean;
  permissions: string[] | null;
  pulp_created: string;
  pulp_last_updated: string;
}

const toRole = (r: RoleRow): Role => ({
  id: r.id,
  name: r.name,
  description: r.description,
  locked: r.locked,
  permissions: (r.permissions ?? []).sort(),
  pulpCreated: r.pulp_created,
  pulpLastUpdated: r.pulp_last_updated,
});

/** A role with its permissions aggregated. */
const ROLES = `(SELECT r.*, array_remove(array_agg(rp.permission ORDER BY rp.permission), NULL) AS permissions
  FROM roles r LEFT JOIN role_permissions rp ON rp.role_id = r.id GROUP BY r.id) AS r`;

const ROLE_ORDER = { name: 'r.name', description: 'r.description', pulp_created: 'r.pulp_created' };
const ASSIGNMENT_ORDER = { role: 'r.name', description: 'r.description', pulp_created: 'a.pulp_created' };

/** The assignment table and holder column of a holder. */
const holderSql = (h: Holder) => (h.kind === 'user' ? { table: 'user_roles', column: 'user_id', value: h.userId } : { table: 'group_roles', column: 'group_pk', value: h.groupPk });

interface AssignmentRow extends RoleRow {
  assignment_id: string;
  holder: string;
  object_type: string | null;
  object_id: string | null;
  assigned_at: string;
}

/** Roles, permissions and assignments in Postgres. */
export class PgRoleStore implements RoleStore {
  constructor(private readonly db: Database) {}

  async listRoles(filter: RoleFilter, window: Window): Promise<Found<Role>> {
    const where = new SqlFilter().when(filter.ids, 'r.id = ANY($?::uuid[])').when(filter.locked, 'r.locked = $?');
    addTextFilter(where, 'r.name', filter.name);
    addTextFilter(where, 'r.description', filter.description);
    if (filter.containsPermission?.length) {
      const full = filter.containsPermission.filter((p) => p.includes('.'));
      const bare = filter.containsPermission.filter((p) => !p.includes('.'));
      where.where(`(r.permissions && $?::text[] OR EXISTS (SELECT 1 FROM unnest(r.permissions) p WHERE split_part(p, '.', 2) = ANY($?::text[])))`, full, bare);
    }
    if (filter.onlyPermissions) where.where('cardinality(r.permissions) > 0 AND r.permissions <@ $?::text[]', filter.onlyPermissions);
    const count = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${ROLES} ${where.sql()}`, where.params);
    const limit = where.param(window.limit);
    const offset = where.param(window.offset);
    const { rows } = await this.db.query<RoleRow>(
      `SELECT * FROM ${ROLES} ${where.sql()} ${orderBy(filter.ordering, ROLE_ORDER, 'r.name')} LIMIT ${limit} OFFSET ${offset}`,
      where.params,
    );
    return { count: count.rows[0]!.n, results: rows.map(toRole) };
  }

  private async oneRole(column: string, value: unknown): Promise<Role | undefined> {
    const { rows } = await this.db.query<RoleRow>(`SELECT * FROM ${ROLES} WHERE r.${column} = $1`, [value]);
    return rows[0] ? toRole(rows[0]) : undefined;
  }

  getRole(id: string) {
    return this.oneRole('id', id);
  }

  roleByName(name: string) {
    return this.oneRole('name', name);
  }

  async createRole(role: { name: string; description: string | null; permissions: string[]; locked?: boolean }): Promise<Role> {
    const id = newId();
    await this.db.transaction(async (c) => {
      await c.query('INSERT INTO roles (id, name, description, locked) VALUES ($1, $2, $3, $4)', [id, role.name, role.description, role.locked ?? false]);
      await c.query('INSERT INTO role_permissions (role_id, permission) SELECT $1, unnest($2::text[])', [id, [...new Set(role.permissions)]]);
    });
    return (await this.getRole(id))!;
  }

  async updateRole(id: string, patch: { name?: string; description?: string | null; permissions?: string[] }): Promise<Role | undefined> {
    const found = await this.db.transaction(async (c) => {
      const { rowCount } = await c.query(
        `UPDATE roles SET name = coalesce($2, name), description = CASE WHEN $3 THEN $4 ELSE description END,
           pulp_last_updated = clock_timestamp() WHERE id = $1`,
        [id, patch.name ?? null, 'description' in patch, patch.description ?? null],
      );
      if (!rowCount) return false;
      if (patch.permissions) {
        await c.query('DELETE FROM role_permissions WHERE role_id = $1', [id]);
        await c.query('INSERT INTO role_permissions (role_id, permission) SELECT $1, unnest($2::text[])', [id, [...new Set(patch.permissions)]]);
      }
      return true;
    });
    return found ? this.getRole(id) : undefined;
  }

  async deleteRole(id: string): Promise<boolean> {
    const { rowCount } = await this.db.query('DELETE FROM roles WHERE id = $1', [id]);
    return (rowCount ?? 0) > 0;
  }

  async syncLockedRoles(roles: Array<{ name: string; description?: string; permissions: string[] }>): Promise<number> {
    let changed = 0;
    for (const role of roles) {
      const current = await this.roleByName(role.name);
      const wanted = [...new Set(role.permissions)].sort();
      if (current?.locked && JSON.stringify(current.permissions) === JSON.stringify(wanted) && current.description === (role.description ?? null)) continue;
      if (!current) await this.createRole({ name: role.name, description: role.description ?? null, permissions: wanted, locked: true });
      else {
        await this.db.query('UPDATE roles SET locked = true WHERE id = $1', [current.id]);
        await this.updateRole(current.id, { description: role.description ?? null, permissions: wanted });
      }
      changed += 1;
    }
    return changed;
  }

  async listAssignments(filter: AssignmentFilter, window: Window): Promise<Found<RoleAssignment>> {
    const h = holderSql(filter.holder);
    const where = new SqlFilter().where(`a.${h.column} = $?`, h.value).when(filter.ids, 'a.id = ANY($?::uuid[])');
    addTextFilter(where, 'r.name', filter.role);
    if (filter.object === null) where.where('a.object_id IS NULL');
    else if (filter.object) where.where('a.object_type = $? AND a.object_id = $?', filter.object.model, filter.object.id);
    const from = `${h.table} a JOIN ${ROLES} ON r.id = a.role_id`;
    const count = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${from} ${where.sql()}`, where.params);
    const limit = where.param(window.limit);
    const offset = where.param(window.offset);
    const { rows } = await this.db.query<AssignmentRow>(
      `SELECT r.*, a.id AS assignment_id, a.${h.column}::text AS holder, a.object_type, a.object_id, a.pulp_created AS assigned_at
         FROM ${from} ${where.sql()} ${orderBy(filter.ordering, ASSIGNMENT_ORDER, 'a.pulp_created DESC, a.id')} LIMIT ${limit} OFFSET ${offset}`,
      where.params,
    );
    return { count: count.rows[0]!.n, results: rows.map((r) => this.toAssignment(filter.holder, r)) };
  }

  private toAssignment(holder: Holder, r: AssignmentRow): RoleAssignment {
    return {
      id: r.assignment_id,
      holder,
      role: toRole(r),
      object: r.object_type && r.object_id ? { model: r.object_type, id: r.object_id } : null,
      pulpCreated: r.assigned_at,
    };
  }

  async getAssignment(holder: Holder, id: string): Promise<RoleAssignment | undefined> {
    return (await this.listAssignments({ holder, ids: [id] }, { limit: 1, offset: 0 })).results[0];
  }

  async findAssignment(holder: Holder, roleId: string, object: ObjectRef | null): Promise<RoleAssignment | undefined> {
    const h = holderSql(holder);
    const { rows } = await this.db.query<{ id: string }>(
      `SELECT id FROM ${h.table} WHERE ${h.column} = $1 AND role_id = $2 AND coalesce(object_type, '') = $3 AND coalesce(object_id, '') = $4`,
      [h.value, roleId, object?.model ?? '', object?.id ?? ''],
    );
    return rows[0] ? this.getAssignment(holder, rows[0].id) : undefined;
  }

  async assign(holder: Holder, roleId: string, object: ObjectRef | null): Promise<RoleAssignment> {
    await this.grant(holder, roleId, object);
    return (await this.findAssignment(holder, roleId, object))!;
  }

  async grant(holder: Holder, roleId: string, object: ObjectRef | null): Promise<void> {
    const h = holderSql(holder);
    await this.db.query(
      `INSERT INTO ${h.table} (id, ${h.column}, role_id, object_type, object_id) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [newId(), h.value, roleId, object?.model ?? null, object?.id ?? null],
    );
  }

  async unassign(id: string): Promise<boolean> {
    const a = await this.db.query('DELETE FROM user_roles WHERE id = $1', [id]);
    const b = await this.db.query('DELETE FROM group_roles WHERE id = $1', [id]);
    return (a.rowCount ?? 0) + (b.rowCount ?? 0) > 0;
  }

  async objectHolders(object: ObjectRef): Promise<Array<{ role: string; users: string[]; groups: string[] }>> {
    const { rows } = await this.db.query<{ role: string; kind: 'user' | 'group'; name: string }>(
      `SELECT r.name AS role, 'user' AS kind, u.username AS name FROM user_roles a JOIN roles r ON r.id = a.role_id JOIN users u ON u.id = a.user_id
        WHERE a.object_type = $1 AND a.object_id = $2
       UNION ALL
       SELECT r.name, 'group', g.name FROM group_roles a JOIN roles r ON r.id = a.role_id JOIN groups g ON g.pk = a.group_pk
        WHERE a.object_type = $1 AND a.object_id = $2
       ORDER BY 1, 3`,
      [object.model, object.id],
    );
    const out = new Map<string, { role: string; users: string[]; groups: string[] }>();
    for (const r of rows) {
      const entry = out.get(r.role) ?? { role: r.role, users: [], groups: [] };
      (r.kind === 'user' ? entry.users : entry.groups).push(r.name);
      out.set(r.role, entry);
    }
    return [...out.values()];
  }

  async holdersWithPermission(object: ObjectRef, permission: string) {
    const users = await this.db.query<{ pk: string; username: string }>(
      `SELECT DISTINCT u.pk, u.username FROM user_roles a JOIN role_permissions rp ON rp.role_id = a.role_id JOIN users u ON u.id = a.user_id
        WHERE a.object_type = $1 AND a.object_id = $2 AND rp.permission = $3 ORDER BY u.username`,
      [object.model, object.id, permission],
    );
    const groups = await this.db.query<{ pk: string; name: string }>(
      `SELECT DISTINCT g.pk, g.name FROM group_roles a JOIN role_permissions rp ON rp.role_id = a.role_id JOIN groups g ON g.pk = a.group_pk
        WHERE a.object_type = $1 AND a.object_id = $2 AND rp.permission = $3 ORDER BY g.name`,
      [object.model, object.id, permission],
    );
    return {
      users: users.rows.map((r) => ({ pk: Number(r.pk), username: r.username })),
      groups: groups.rows.map((r) => ({ pk: Number(r.pk), name: r.name })),
    };
  }

  async modelPermissions(userId: string): Promise<string[]> {
    const { rows } = await this.db.query<{ permission: string }>(
      `SELECT rp.permission FROM user_roles a JOIN role_permissions rp ON rp.role_id = a.role_id WHERE a.user_id = $1 AND a.object_id IS NULL
       UNION
       SELECT rp.permission FROM group_roles a JOIN user_groups ug ON ug.group_pk = a.group_pk JOIN role_permissions rp ON rp.role_id = a.role_id
        WHERE ug.user_id = $1 AND a.object_id IS NULL`,
      [userId],
    );
    return rows.map((r) => r.permission);
  }

  async objectPermissions(userId: string, object: ObjectRef): Promise<string[]> {
    const { rows } = await this.db.query<{ permission: string }>(
      `SELECT rp.permission FROM user_roles a JOIN role_permissions rp ON rp.role_id = a.role_id
        WHERE a.user_id = $1 AND a.object_type = $2 AND a.object_id = $3
       UNION
       SELECT rp.permission FROM group_roles a JOIN user_groups ug ON ug.group_pk = a.group_pk JOIN role_permissions rp ON rp.role_id = a.role_id
        WHERE ug.user_id = $1 AND a.object_type = $2 AND a.object_id = $3`,
      [userId, object.model, object.id],
    );
    return rows.map((r) => r.permission);
  }

  async groupNames(userId: string): Promise<string[]> {
    const { rows } = await this.db.query<{ name: string }>('SELECT g.name FROM user_groups ug JOIN groups g ON g.pk = ug.group_pk WHERE ug.user_id = $1', [userId]);
    return rows.map((r) => r.name);
  }
}
