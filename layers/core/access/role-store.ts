import type { Found, Ordering, Window } from '../models/page';
import type { TextMatch } from '../text-match';
import type { PermissionReader } from './grants';
import type { ObjectRef } from './object-ref';

export interface Role {
  id: string;
  name: string;
  description: string | null;
  locked: boolean;
  permissions: string[];
  pulpCreated: string;
  pulpLastUpdated: string;
}

/** Who holds an assignment: a user (by users.id) or a group (by pk). */
export type Holder = { kind: 'user'; userId: string } | { kind: 'group'; groupPk: number };

export interface RoleAssignment {
  id: string;
  holder: Holder;
  role: Role;
  /** Null: model level. */
  object: ObjectRef | null;
  pulpCreated: string;
}

export interface RoleFilter {
  name?: TextMatch;
  description?: TextMatch;
  locked?: boolean;
  ids?: string[];
  /** Roles holding any of these permissions (`core.view_task`, or a bare codename). */
  containsPermission?: string[];
  /** Roles whose every permission is one of these (Pulp's for_object_type). */
  onlyPermissions?: string[];
  ordering?: Ordering;
}

export interface AssignmentFilter {
  holder: Holder;
  role?: TextMatch;
  /** null: model-level assignments only. */
  object?: ObjectRef | null;
  ids?: string[];
  ordering?: Ordering;
}

/** Roles, their permissions, and who holds them where. */
export interface RoleStore extends PermissionReader {
  listRoles(filter: RoleFilter, window: Window): Promise<Found<Role>>;
  getRole(id: string): Promise<Role | undefined>;
  roleByName(name: string): Promise<Role | undefined>;
  createRole(role: { name: string; description: string | null; permissions: string[]; locked?: boolean }): Promise<Role>;
  updateRole(id: string, patch: { name?: string; description?: string | null; permissions?: string[] }): Promise<Role | undefined>;
  deleteRole(id: string): Promise<boolean>;
  /** Creates or updates each built-in role (locked) to exactly these permissions. */
  syncLockedRoles(roles: Array<{ name: string; description?: string; permissions: string[] }>): Promise<number>;

  listAssignments(filter: AssignmentFilter, window: Window): Promise<Found<RoleAssignment>>;
  getAssignment(holder: Holder, id: string): Promise<RoleAssignment | undefined>;
  findAssignment(holder: Holder, roleId: string, object: ObjectRef | null): Promise<RoleAssignment | undefined>;
  assign(holder: Holder, roleId: string, object: ObjectRef | null): Promise<RoleAssignment>;
  /** `assign` in one statement, when the assignment itself is not wanted back (creation hooks). */
  grant(holder: Holder, roleId: string, object: ObjectRef | null): Promise<void>;
  unassign(id: string): Promise<boolean>;
  /** Everyone holding a role on the object: Pulp's `list_roles/`. */
  objectHolders(object: ObjectRef): Promise<Array<{ role: string; users: string[]; groups: string[] }>>;
  /** Users and groups holding a permission on the object (RBAC guard's users/groups fields). */
  holdersWithPermission(object: ObjectRef, permission: string): Promise<{ users: Array<{ pk: number; username: string }>; groups: Array<{ pk: number; name: string }> }>;
}
