import { newId } from '../../../core/ids';
import type { Group, GroupFilter, IdentityStore, NewUser, User, UserFilter, UserPatch } from '../../../core/access/identity-store';
import type { Found, Window } from '../../../core/models/page';
import type { Queryable } from '../database';
import { orderBy } from '../ordering-sql';
import { addTextFilter, SqlFilter } from '../sql-filter';
import { addScope } from './scope-sql';
import { toGroup, toUser, type GroupRow, type UserRow } from './user-rows';

const USER_ORDER = { username: 'username', date_joined: 'pulp_created', first_name: 'first_name', last_name: 'last_name', email: 'email', id: 'pk' };
const GROUP_ORDER = { name: 'name', id: 'pk' };
const USER_COLUMNS: Record<keyof UserPatch, string> = {
  username: 'username',
  passwordHash: 'password_hash',
  firstName: 'first_name',
  lastName: 'last_name',
  email: 'email',
  isStaff: 'is_staff',
  isActive: 'is_active',
};

async function page<R, T>(db: Queryable, from: string, where: SqlFilter, order: string, window: Window, map: (r: R) => T): Promise<Found<T>> {
  const count = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${from} ${where.sql()}`, where.params);
  const limit = where.param(window.limit);
  const offset = where.param(window.offset);
  const { rows } = await db.query(`SELECT * FROM ${from} ${where.sql()} ${order} LIMIT ${limit} OFFSET ${offset}`, where.params);
  return { count: count.rows[0]!.n, results: (rows as R[]).map(map) };
}

/** Users, groups and memberships in Postgres. */
export class PgIdentityStore implements IdentityStore {
  constructor(private readonly db: Queryable) {}

  private async oneUser(where: string, value: unknown): Promise<User | undefined> {
    const { rows } = await this.db.query<UserRow>(`SELECT * FROM users WHERE ${where} = $1`, [value]);
    return rows[0] ? toUser(rows[0]) : undefined;
  }

  userByName(username: string) {
    return this.oneUser('username', username);
  }

  userById(id: string) {
    return this.oneUser('id', id);
  }

  userByPk(pk: number) {
    return this.oneUser('pk', pk);
  }

  listUsers(filter: UserFilter, window: Window): Promise<Found<User>> {
    const where = new SqlFilter().when(filter.pks, 'pk = ANY($?::bigint[])').when(filter.isActive, 'is_active = $?').when(filter.isStaff, 'is_staff = $?');
    addTextFilter(where, 'username', filter.username);
    addTextFilter(where, 'first_name', filter.firstName);
    addTextFilter(where, 'last_name', filter.lastName);
    addTextFilter(where, 'email', filter.email);
    return page(this.db, 'users', where, orderBy(filter.ordering, USER_ORDER, 'pulp_created DESC, pk'), window, toUser);
  }

  async createUser(user: NewUser): Promise<User> {
    const { rows } = await this.db.query<UserRow>(
      `INSERT INTO users (id, username, password_hash, first_name, last_name, email, is_superuser, is_staff, is_active)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
      [newId(), user.username, user.passwordHash, user.firstName, user.lastName, user.email, user.isSuperuser, user.isStaff, user.isActive],
    );
    return toUser(rows[0]!);
  }

  async ensureUser(user: NewUser): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `INSERT INTO users (id, username, password_hash, first_name, last_name, email, is_superuser, is_staff, is_active)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (username) DO NOTHING`,
      [newId(), user.username, user.passwordHash, user.firstName, user.lastName, user.email, user.isSuperuser, user.isStaff, user.isActive],
    );
    return (rowCount ?? 0) > 0;
  }

  async updateUser(id: string, patch: UserPatch): Promise<User | undefined> {
    const keys = (Object.keys(patch) as Array<keyof UserPatch>).filter((k) => USER_COLUMNS[k]);
    if (!keys.length) return this.userById(id);
    const sets = keys.map((k, i) => `${USER_COLUMNS[k]} = $${i + 2}`).join(', ');
    // A new password retires a verify-only previous one.
    const retire = keys.includes('passwordHash') ? ', previous_password_hash = NULL' : '';
    const { rows } = await this.db.query<UserRow>(`UPDATE users SET ${sets}${retire} WHERE id = $1 RETURNING *`, [id, ...keys.map((k) => patch[k])]);
    return rows[0] ? toUser(rows[0]) : undefined;
  }

  async deleteUser(id: string): Promise<boolean> {
    const { rowCount } = await this.db.query('DELETE FROM users WHERE id = $1', [id]);
    return (rowCount ?? 0) > 0;
  }

  async setPasswordHashes(id: string, current: string | null, previous: string | null): Promise<void> {
    await this.db.query('UPDATE users SET password_hash = $2, previous_password_hash = $3 WHERE id = $1', [id, current, previous]);
  }

  async groupsOf(userIds: string[]): Promise<Map<string, Group[]>> {
    const out = new Map<string, Group[]>();
    if (!userIds.length) return out;
    const { rows } = await this.db.query<GroupRow & { user_id: string }>(
      'SELECT ug.user_id, g.* FROM user_groups ug JOIN groups g ON g.pk = ug.group_pk WHERE ug.user_id = ANY($1::uuid[]) ORDER BY g.name',
      [userIds],
    );
    for (const r of rows) out.set(r.user_id, [...(out.get(r.user_id) ?? []), toGroup(r)]);
    return out;
  }

  listGroups(filter: GroupFilter, window: Window): Promise<Found<Group>> {
    const where = new SqlFilter().when(filter.pks, 'pk = ANY($?::bigint[])');
    addTextFilter(where, 'name', filter.name);
    addScope(where, filter.scope, { id: 'pk' });
    return page(this.db, 'groups', where, orderBy(filter.ordering, GROUP_ORDER, 'name, pk'), window, toGroup);
  }

  private async oneGroup(where: string, value: unknown): Promise<Group | undefined> {
    const { rows } = await this.db.query<GroupRow>(`SELECT * FROM groups WHERE ${where} = $1`, [value]);
    return rows[0] ? toGroup(rows[0]) : undefined;
  }

  groupByPk(pk: number) {
    return this.oneGroup('pk', pk);
  }

  groupByName(name: string) {
    return this.oneGroup('name', name);
  }

  async createGroup(name: string): Promise<Group> {
    const { rows } = await this.db.query<GroupRow>('INSERT INTO groups (name) VALUES ($1) RETURNING *', [name]);
    return toGroup(rows[0]!);
  }

  async renameGroup(pk: number, name: string): Promise<Group | undefined> {
    const { rows } = await this.db.query<GroupRow>('UPDATE groups SET name = $2 WHERE pk = $1 RETURNING *', [pk, name]);
    return rows[0] ? toGroup(rows[0]) : undefined;
  }

  async deleteGroup(pk: number): Promise<boolean> {
    const { rowCount } = await this.db.query('DELETE FROM groups WHERE pk = $1', [pk]);
    return (rowCount ?? 0) > 0;
  }

  members(groupPk: number, window: Window): Promise<Found<User>> {
    const where = new SqlFilter().where('u.id IN (SELECT user_id FROM user_groups WHERE group_pk = $?)', groupPk);
    return page(this.db, 'users u', where, 'ORDER BY u.username, u.pk', window, toUser);
  }

  async addMember(groupPk: number, userId: string): Promise<void> {
    await this.db.query('INSERT INTO user_groups (group_pk, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [groupPk, userId]);
  }

  async removeMember(groupPk: number, userId: string): Promise<void> {
    await this.db.query('DELETE FROM user_groups WHERE group_pk = $1 AND user_id = $2', [groupPk, userId]);
  }
}
