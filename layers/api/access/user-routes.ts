import type { App } from '../../app/app';
import type { UserPatch } from '../../core/access/identity-store';
import { hashPassword } from '../../core/auth/password-hasher';
import { notFound, validationError } from '../../http/errors';
import { listQueryParams } from '../../http/pagination';
import type { QueryParam, Route } from '../../http/route';
import { f } from '../../http/schema/fields';
import { csv, detailParams, ordering, str, textMatch } from '../common/filters';
import { badRequestResponse, FORMS, listResponse, notFoundResponse, select } from '../common/responses';
import { USERS } from './object-hrefs';
import { coreAccess } from './route-access';
import { checkedPassword, serializeUser, UserSchema, userOr404 } from './user-schema';

const DETAIL = `${USERS}{pk}/`;
const HREF = { name: 'auth_user_href', prefix: DETAIL };
const TAGS = ['Users'];
const access = coreAccess('users', 'auth.user', { param: 'pk', scoped: false });

/** `username`, `username__iexact`, `__in`, `__contains`, `__icontains` (Pulp's user filters). */
const textFilters = (name: string): QueryParam[] => [str(name), str(`${name}__iexact`), csv(`${name}__in`), str(`${name}__contains`), str(`${name}__icontains`)];
const bool = (name: string): QueryParam => ({ name, field: f.boolean() });


async function toPatch(app: App, body: Record<string, unknown>, currentId?: string): Promise<UserPatch> {
  const patch: UserPatch = {};
  if ('username' in body) {
    const existing = await app.access.identities.userByName(String(body.username));
    if (existing && existing.id !== currentId) throw validationError({ username: ['This field must be unique.'] });
    patch.username = String(body.username);
  }
  if ('password' in body) {
    const password = checkedPassword(body.password);
    patch.passwordHash = password === null ? null : await hashPassword(password);
  }
  if ('first_name' in body) patch.firstName = String(body.first_name ?? '');
  if ('last_name' in body) patch.lastName = String(body.last_name ?? '');
  if ('email' in body) {
    const email = String(body.email ?? '');
    if (email !== '' && !/^[^\s@]+@[^\s@]+$/.test(email)) throw validationError({ email: ['Enter a valid email address.'] });
    patch.email = email;
  }
  if ('is_staff' in body) patch.isStaff = Boolean(body.is_staff);
  if ('is_active' in body) patch.isActive = Boolean(body.is_active);
  return patch;
}

async function show(app: App, user: Parameters<typeof serializeUser>[0]): Promise<Record<string, unknown>> {
  const groups = await app.access.identities.groupsOf([user.id]);
  return serializeUser(user, groups.get(user.id) ?? []);
}

/** Pulp's `users/`: the admin manages users (no policy of its own: admin only). */
export const userRoutes: Route<App>[] = [
  {
    method: 'GET',
    path: USERS,
    operationId: 'users_list',
    summary: 'List users',
    tags: TAGS,
    query: listQueryParams([...textFilters('username'), ...textFilters('first_name'), ...textFilters('last_name'), ...textFilters('email'), bool('is_active'), bool('is_staff')]),
    access: access.list,
    responses: { 200: { description: 'A page of users.', schema: { paginated: UserSchema } } },
    handler: async (req, app) => {
      const q = req.query;
      const filter = {
        username: textMatch(q, 'username'),
        firstName: textMatch(q, 'first_name'),
        lastName: textMatch(q, 'last_name'),
        email: textMatch(q, 'email'),
        isActive: q.is_active as boolean | undefined,
        isStaff: q.is_staff as boolean | undefined,
        ordering: ordering(q, ['username', 'date_joined', 'first_name', 'last_name', 'email', 'id']) ?? [{ field: 'date_joined', desc: true }],
      };
      return listResponse(req, (w) => app.access.identities.listUsers(filter, w), (u) => show(app, u));
    },
  },
  {
    method: 'POST',
    path: USERS,
    operationId: 'users_create',
    summary: 'Create a user',
    tags: TAGS,
    body: { schema: UserSchema, contentTypes: [...FORMS] },
    access: access.create,
    responses: { 201: { description: 'The user.', schema: UserSchema }, ...badRequestResponse },
    handler: async (req, app) => {
      const patch = await toPatch(app, req.body);
      const user = await app.access.identities.createUser({
        username: patch.username!,
        passwordHash: patch.passwordHash ?? null,
        firstName: patch.firstName ?? '',
        lastName: patch.lastName ?? '',
        email: patch.email ?? '',
        isSuperuser: false,
        isStaff: patch.isStaff ?? false,
        isActive: patch.isActive ?? true,
      });
      return { status: 201, body: await show(app, user) };
    },
  },
  {
    method: 'GET',
    path: DETAIL,
    operationId: 'users_read',
    summary: 'Inspect a user',
    tags: TAGS,
    hrefParameter: HREF,
    query: detailParams,
    access: access.on('retrieve'),
    responses: { 200: { description: 'The user.', schema: UserSchema }, ...notFoundResponse },
    handler: async (req, app) => ({ status: 200, body: select(req, await show(app, await userOr404(app, req.params.pk))) }),
  },
  {
    method: 'PATCH',
    path: DETAIL,
    operationId: 'users_partial_update',
    summary: 'Update a user',
    tags: TAGS,
    hrefParameter: HREF,
    body: { schema: UserSchema, contentTypes: [...FORMS], partial: true },
    access: access.on('partial_update'),
    responses: { 200: { description: 'The user.', schema: UserSchema }, ...badRequestResponse, ...notFoundResponse },
    handler: async (req, app) => {
      const user = await userOr404(app, req.params.pk);
      const updated = await app.access.identities.updateUser(user.id, await toPatch(app, req.body, user.id));
      if (!updated) throw notFound();
      return { status: 200, body: await show(app, updated) };
    },
  },
  {
    method: 'DELETE',
    path: DETAIL,
    operationId: 'users_delete',
    summary: 'Delete a user',
    tags: TAGS,
    hrefParameter: HREF,
    access: access.on('destroy'),
    responses: { 204: { description: 'Deleted.' }, ...notFoundResponse },
    handler: async (req, app) => {
      const user = await userOr404(app, req.params.pk);
      await app.access.identities.deleteUser(user.id);
      return { status: 204 };
    },
  },
];
