import type { App } from '../../app/app';
import type { Group, User } from '../../core/access/identity-store';
import { notFound, validationError } from '../../http/errors';
import { f, schema } from '../../http/schema/fields';
import { GROUPS, USERS } from './object-hrefs';

export const UserSchema = schema('User', {
  pulp_href: f.href({ readOnly: true }),
  prn: f.string({ readOnly: true }),
  id: f.integer({ readOnly: true }),
  username: f.string({
    required: true,
    maxLength: 150,
    pattern: '^[\\w.@+-]+$',
    description: 'Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only.',
  }),
  password: f.string({ nullable: true, writeOnly: true, description: 'Users password. Set to ``null`` to disable password authentication.' }),
  first_name: f.string({ maxLength: 150, allowBlank: true, description: 'First name' }),
  last_name: f.string({ maxLength: 150, allowBlank: true, description: 'Last name' }),
  email: f.string({ allowBlank: true, maxLength: 254, description: 'Email address' }),
  is_staff: f.boolean({ default: false, description: 'Designates whether the user can log into this admin site.' }),
  is_active: f.boolean({ default: true, description: 'Designates whether this user should be treated as active.' }),
  date_joined: f.dateTime({ readOnly: true, description: 'Date joined' }),
  groups: f.array(f.json(), { readOnly: true }),
  hidden_fields: f.array(f.json(), { readOnly: true }),
});

export const GroupSchema = schema('Group', {
  name: f.string({ required: true, maxLength: 150, description: 'Name' }),
  pulp_href: f.href({ readOnly: true }),
  prn: f.string({ readOnly: true }),
  id: f.integer({ readOnly: true }),
});

export const GroupUserSchema = schema('GroupUser', {
  username: f.string({ required: true, maxLength: 150 }),
  pulp_href: f.href({ readOnly: true }),
  prn: f.string({ readOnly: true }),
});

export const userHref = (pk: number): string => `${USERS}${pk}/`;
export const groupHref = (pk: number): string => `${GROUPS}${pk}/`;

export function serializeGroup(g: Group): Record<string, unknown> {
  return { name: g.name, pulp_href: groupHref(g.pk), prn: `prn:core.group:${g.pk}`, id: g.pk };
}

export function serializeGroupUser(u: User): Record<string, unknown> {
  return { username: u.username, pulp_href: userHref(u.pk), prn: `prn:auth.user:${u.pk}` };
}

export function serializeUser(u: User, groups: Group[]): Record<string, unknown> {
  return {
    pulp_href: userHref(u.pk),
    prn: `prn:auth.user:${u.pk}`,
    id: u.pk,
    username: u.username,
    first_name: u.firstName,
    last_name: u.lastName,
    email: u.email,
    is_staff: u.isStaff,
    is_active: u.isActive,
    date_joined: u.dateJoined,
    groups: groups.map((g) => ({ name: g.name, pulp_href: groupHref(g.pk), prn: `prn:core.group:${g.pk}` })),
    hidden_fields: [{ name: 'password', is_set: u.passwordHash !== null }],
  };
}

/** The integer of a `{pk}` path parameter; anything else names nothing (404). */
export function pkOf(value: string | undefined): number {
  if (!value || !/^\d{1,15}$/.test(value)) throw notFound();
  return Number(value);
}

export async function userOr404(app: App, pk: string | undefined): Promise<User> {
  const user = await app.access.identities.userByPk(pkOf(pk));
  if (!user) throw notFound();
  return user;
}

export async function groupOr404(app: App, pk: string | undefined): Promise<Group> {
  const group = await app.access.identities.groupByPk(pkOf(pk));
  if (!group) throw notFound();
  return group;
}

/** Django's basic password validators: at least 8 characters, not only digits. */
export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  if (password.length < 8) problems.push('This password is too short. It must contain at least 8 characters.');
  if (/^\d+$/.test(password)) problems.push('This password is entirely numeric.');
  return problems;
}

export function checkedPassword(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  const problems = passwordProblems(String(value));
  if (problems.length) throw validationError({ password: problems });
  return String(value);
}
