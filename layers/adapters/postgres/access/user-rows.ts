import type { Group, User } from '../../../core/access/identity-store';

export interface UserRow {
  id: string;
  pk: string;
  username: string;
  password_hash: string | null;
  previous_password_hash: string | null;
  first_name: string;
  last_name: string;
  email: string;
  is_superuser: boolean;
  is_staff: boolean;
  is_active: boolean;
  pulp_created: string;
}

export const toUser = (r: UserRow): User => ({
  id: r.id,
  pk: Number(r.pk),
  username: r.username,
  passwordHash: r.password_hash,
  previousPasswordHash: r.previous_password_hash,
  firstName: r.first_name,
  lastName: r.last_name,
  email: r.email,
  isSuperuser: r.is_superuser,
  isStaff: r.is_staff,
  isActive: r.is_active,
  dateJoined: r.pulp_created,
});

export interface GroupRow {
  pk: string;
  name: string;
  pulp_created: string;
}

export const toGroup = (r: GroupRow): Group => ({ pk: Number(r.pk), name: r.name, pulpCreated: r.pulp_created });
