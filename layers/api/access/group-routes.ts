import type { App } from '../../app/app';
import { notFound, validationError } from '../../http/errors';
import { listQueryParams } from '../../http/pagination';
import type { Route } from '../../http/route';
import { csv, detailParams, ordering, str, textMatch } from '../common/filters';
import { badRequestResponse, FORMS, listResponse, notFoundResponse, select } from '../common/responses';
import { GROUPS, USERS } from './object-hrefs';
import { objectRoleRoutes } from './object-role-routes';
import { roleAssignmentRoutes } from './role-assignment-routes';
import { coreAccess } from './route-access';
import { GroupSchema, GroupUserSchema, groupOr404, serializeGroup, serializeGroupUser, userOr404 } from './user-schema';

const DETAIL = `${GROUPS}{pk}/`;
const HREF = { name: 'group_href', prefix: DETAIL };
const TAGS = ['Groups'];
const access = coreAccess('groups', 'core.group', { param: 'pk' });

async function uniqueName(app: App, body: Record<string, unknown>, currentPk?: number): Promise<string> {
  const name = String(body.name);
  if (name.trim() === '') throw validationError({ name: ['This field may not be blank.'] });
  const existing = await app.access.identities.groupByName(name);
  if (existing && existing.pk !== currentPk) throw validationError({ name: ['This field must be unique.'] });
  return name;
}

const groupRoutesOnly: Route<App>[] = [
  {
    method: 'GET',
    path: GROUPS,
    operationId: 'groups_list',
    summary: 'List groups',
    tags: TAGS,
    query: listQueryParams([str('id'), csv('id__in'), str('name'), str('name__iexact'), csv('name__in'), str('name__contains'), str('name__icontains')]),
    access: access.list,
    responses: { 200: { description: 'A page of groups.', schema: { paginated: GroupSchema } } },
    handler: (req, app) => {
      const q = req.query;
      const pks = [...(q.id !== undefined ? [String(q.id)] : []), ...((q.id__in as string[] | undefined) ?? [])];
      const filter = {
        pks: pks.length ? pks.map((p) => (/^\d{1,15}$/.test(p) ? Number(p) : -1)) : undefined,
        name: textMatch(q, 'name'),
        ordering: ordering(q, ['name', 'id']),
        scope: req.scope,
      };
      return listResponse(req, (w) => app.access.identities.listGroups(filter, w), serializeGroup);
    },
  },
  {
    method: 'POST',
    path: GROUPS,
    operationId: 'groups_create',
    summary: 'Create a group',
    tags: TAGS,
    body: { schema: GroupSchema, contentTypes: [...FORMS] },
    access: access.create,
    responses: { 201: { description: 'The group.', schema: GroupSchema }, ...badRequestResponse },
    handler: async (req, app) => ({ status: 201, body: serializeGroup(await app.access.identities.createGroup(await uniqueName(app, req.body))) }),
  },
  {
    method: 'GET',
    path: DETAIL,
    operationId: 'groups_read',
    summary: 'Inspect a group',
    tags: TAGS,
    hrefParameter: HREF,
    query: detailParams,
    access: access.on('retrieve'),
    responses: { 200: { description: 'The group.', schema: GroupSchema }, ...notFoundResponse },
    handler: async (req, app) => ({ status: 200, body: select(req, serializeGroup(await groupOr404(app, req.params.pk))) }),
  },
  {
    method: 'PATCH',
    path: DETAIL,
    operationId: 'groups_partial_update',
    summary: 'Rename a group',
    tags: TAGS,
    hrefParameter: HREF,
    body: { schema: GroupSchema, contentTypes: [...FORMS], partial: true },
    access: access.on('partial_update'),
    responses: { 200: { description: 'The group.', schema: GroupSchema }, ...badRequestResponse, ...notFoundResponse },
    handler: async (req, app) => {
      const group = await groupOr404(app, req.params.pk);
      if (!('name' in req.body)) return { status: 200, body: serializeGroup(group) };
      const renamed = await app.access.identities.renameGroup(group.pk, await uniqueName(app, req.body, group.pk));
      if (!renamed) throw notFound();
      return { status: 200, body: serializeGroup(renamed) };
    },
  },
  {
    method: 'DELETE',
    path: DETAIL,
    operationId: 'groups_delete',
    summary: 'Delete a group',
    tags: TAGS,
    hrefParameter: HREF,
    access: access.on('destroy'),
    responses: { 204: { description: 'Deleted.' }, ...notFoundResponse },
    handler: async (req, app) => {
      await app.access.identities.deleteGroup((await groupOr404(app, req.params.pk)).pk);
      return { status: 204 };
    },
  },
];

/** `groups/{pk}/users/`: who is in a group (Pulp's GroupUserViewSet). */
const memberAccess = (action: string) => ({ viewset: 'groups/users', action, parent: { model: 'core.group', param: 'pk' } });
const memberRoutes: Route<App>[] = [
  {
    method: 'GET',
    path: `${DETAIL}users/`,
    operationId: 'groups_users_list',
    summary: 'List the users of a group',
    tags: ['Groups: Users'],
    hrefParameter: HREF,
    query: listQueryParams(),
    access: memberAccess('list'),
    responses: { 200: { description: 'A page of users.', schema: { paginated: GroupUserSchema } }, ...notFoundResponse },
    handler: async (req, app) => {
      const group = await groupOr404(app, req.params.pk);
      return listResponse(req, (w) => app.access.identities.members(group.pk, w), serializeGroupUser);
    },
  },
  {
    method: 'POST',
    path: `${DETAIL}users/`,
    operationId: 'groups_users_create',
    summary: 'Add a user to a group',
    tags: ['Groups: Users'],
    hrefParameter: HREF,
    body: { schema: GroupUserSchema, contentTypes: [...FORMS] },
    access: memberAccess('create'),
    responses: { 201: { description: 'The user.', schema: GroupUserSchema }, ...badRequestResponse, ...notFoundResponse },
    handler: async (req, app) => {
      const group = await groupOr404(app, req.params.pk);
      const user = await app.access.identities.userByName(String(req.body.username));
      if (!user) throw validationError({ non_field_errors: [`Could not find user ${String(req.body.username)}`] });
      await app.access.identities.addMember(group.pk, user.id);
      return { status: 201, body: serializeGroupUser(user) };
    },
  },
  {
    method: 'DELETE',
    path: `${DETAIL}users/{user_pk}/`,
    operationId: 'groups_users_delete',
    summary: 'Remove a user from a group',
    tags: ['Groups: Users'],
    hrefParameter: { name: 'groups_user_href', prefix: `${DETAIL}users/{user_pk}/` },
    access: memberAccess('destroy'),
    responses: { 204: { description: 'Removed.' }, ...notFoundResponse },
    handler: async (req, app) => {
      const group = await groupOr404(app, req.params.pk);
      const user = await userOr404(app, req.params.user_pk);
      await app.access.identities.removeMember(group.pk, user.id);
      return { status: 204 };
    },
  },
];

/** Users and groups with their role assignments, and groups' object roles (Pulp's RolesMixin on groups). */
export const groupRoutes: Route<App>[] = [
  ...groupRoutesOnly,
  ...memberRoutes,
  ...objectRoleRoutes({
    path: DETAIL,
    operationPrefix: 'groups',
    hrefParameter: HREF,
    tags: TAGS,
    access,
    model: 'core.group',
    param: 'pk',
    find: (app, pk) => groupOr404(app, pk),
  }),
  ...roleAssignmentRoutes({
    base: GROUPS,
    operationPrefix: 'groups_roles',
    parentHref: 'group_href',
    detailHref: 'groups_group_role_href',
    schemaName: 'GroupRole',
    viewset: 'groups/roles',
    tags: ['Groups: Roles'],
    label: 'group',
    parentModel: 'core.group',
    holder: async (app, pk) => ({ kind: 'group', groupPk: (await groupOr404(app, pk)).pk }),
  }),
  ...roleAssignmentRoutes({
    base: USERS,
    operationPrefix: 'users_roles',
    parentHref: 'auth_user_href',
    detailHref: 'auth_users_user_role_href',
    schemaName: 'UserRole',
    viewset: 'users/roles',
    tags: ['Users: Roles'],
    label: 'user',
    parentModel: 'auth.user',
    holder: async (app, pk) => ({ kind: 'user', userId: (await userOr404(app, pk)).id }),
  }),
];

