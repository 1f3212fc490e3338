import type { App } from '../../app/app';
import type { Role } from '../../core/access/role-store';
import { forbidden, notFound, validationError } from '../../http/errors';
import { listQueryParams } from '../../http/pagination';
import type { QueryParam, Route } from '../../http/route';
import { f, schema } from '../../http/schema/fields';
import { detailParams, ordering, str, textMatch, textParams } from '../common/filters';
import { idsIn } from '../common/references';
import { badRequestResponse, FORMS, listResponse, notFoundResponse, select } from '../common/responses';
import { resolveObject } from './object-hrefs';
import { coreAccess } from './route-access';

export const ROLES = '/pulp/api/v3/roles/';
const DETAIL = `${ROLES}{id}/`;
const HREF = { name: 'role_href', prefix: DETAIL };
const TAGS = ['Roles'];
const access = coreAccess('roles', 'core.role', { scoped: false });

const RoleSchema = schema('Role', {
  pulp_href: f.href({ readOnly: true }),
  prn: f.string({ readOnly: true }),
  pulp_created: f.dateTime({ readOnly: true }),
  pulp_last_updated: f.dateTime({ readOnly: true }),
  name: f.string({ required: true, description: 'The name of this role.' }),
  description: f.string({ nullable: true, description: 'An optional description.' }),
  permissions: f.array(f.string(), { required: true, description: 'List of permissions defining the role.' }),
  locked: f.boolean({ readOnly: true, description: 'True if the role is system managed.' }),
});

const serializeRole = (r: Role): Record<string, unknown> => ({
  pulp_href: `${ROLES}${r.id}/`,
  prn: `prn:core.role:${r.id}`,
  pulp_created: r.pulpCreated,
  pulp_last_updated: r.pulpLastUpdated,
  name: r.name,
  description: r.description,
  permissions: r.permissions,
  locked: r.locked,
});

/** Permissions as `<app_label>.<codename>`, each one some installed model has (400 otherwise). */
function checkedPermissions(app: App, value: unknown): string[] {
  const list = (value as string[] | undefined) ?? [];
  const problems: string[] = [];
  for (const p of list) {
    if (!/^[a-z0-9_]+\.[a-z0-9_]+$/.test(p)) problems.push(`Permission '${p}' is not in the format '<app_label>.<codename>'.`);
    else if (!app.access.catalog.modelOf(p)) problems.push(`Permission '${p}' does not exist.`);
  }
  if (problems.length) throw validationError({ permissions: problems });
  return list;
}

async function roleOr404(app: App, id: string): Promise<Role> {
  const role = await app.access.roles.getRole(id);
  if (!role) throw notFound();
  return role;
}

/** Built-in roles are the system's: not editable, not deletable. */
async function editableRole(app: App, id: string): Promise<Role> {
  const role = await roleOr404(app, id);
  if (role.locked) throw forbidden('The role is locked.');
  return role;
}

async function uniqueName(app: App, name: string, currentId?: string): Promise<string> {
  const existing = await app.access.roles.roleByName(name);
  if (existing && existing.id !== currentId) throw validationError({ name: ['This field must be unique.'] });
  return name;
}

const containsPermission: QueryParam = { name: 'contains_permission', field: f.array(f.string()), explode: true, description: 'Filter roles that have any of the permissions in the list.' };

/** Pulp's `roles/`: the built-in (locked) roles of the installed types, and custom ones. */
export const roleRoutes: Route<App>[] = [
  {
    method: 'GET',
    path: ROLES,
    operationId: 'roles_list',
    summary: 'List roles',
    tags: TAGS,
    query: listQueryParams([
      ...textParams('name'),
      str('description'),
      str('description__contains'),
      str('description__icontains'),
      { name: 'locked', field: f.boolean() },
      containsPermission,
      str('for_object_type', 'Filter roles that only have permissions for the specified object HREF.'),
    ]),
    access: access.list,
    responses: { 200: { description: 'A page of roles.', schema: { paginated: RoleSchema } } },
    handler: async (req, app) => {
      const q = req.query;
      let onlyPermissions: string[] | undefined;
      if (typeof q.for_object_type === 'string') {
        // An endpoint (`/pulp/api/v3/repositories/file/file/`) or an object href names the model.
        const object = await resolveObject(app, `${q.for_object_type}00000000-0000-0000-0000-000000000000/`) ?? (await resolveObject(app, q.for_object_type));
        onlyPermissions = object ? app.access.catalog.permissions.filter((p) => app.access.catalog.modelOf(p) === object.model) : [];
      }
      const filter = {
        ids: idsIn(app, q, [ROLES]),
        name: textMatch(q, 'name'),
        description: textMatch(q, 'description'),
        locked: q.locked as boolean | undefined,
        containsPermission: q.contains_permission as string[] | undefined,
        onlyPermissions,
        ordering: ordering(q, ['name', 'description', 'pulp_created']),
      };
      return listResponse(req, (w) => app.access.roles.listRoles(filter, w), serializeRole);
    },
  },
  {
    method: 'POST',
    path: ROLES,
    operationId: 'roles_create',
    summary: 'Create a role',
    tags: TAGS,
    body: { schema: RoleSchema, contentTypes: [...FORMS] },
    access: access.create,
    responses: { 201: { description: 'The role.', schema: RoleSchema }, ...badRequestResponse },
    handler: async (req, app) => {
      const role = await app.access.roles.createRole({
        name: await uniqueName(app, String(req.body.name)),
        description: (req.body.description as string | null | undefined) ?? null,
        permissions: checkedPermissions(app, req.body.permissions),
      });
      return { status: 201, body: serializeRole(role) };
    },
  },
  {
    method: 'GET',
    path: DETAIL,
    operationId: 'roles_read',
    summary: 'Inspect a role',
    tags: TAGS,
    hrefParameter: HREF,
    query: detailParams,
    access: access.on('retrieve'),
    responses: { 200: { description: 'The role.', schema: RoleSchema }, ...notFoundResponse },
    handler: async (req, app) => ({ status: 200, body: select(req, serializeRole(await roleOr404(app, req.params.id!))) }),
  },
  {
    method: 'PATCH',
    path: DETAIL,
    operationId: 'roles_partial_update',
    summary: 'Update a role',
    tags: TAGS,
    hrefParameter: HREF,
    body: { schema: RoleSchema, contentTypes: [...FORMS], partial: true },
    access: access.on('partial_update'),
    responses: { 200: { description: 'The role.', schema: RoleSchema }, ...badRequestResponse, ...notFoundResponse },
    handler: async (req, app) => {
      const role = await editableRole(app, req.params.id!);
      const b = req.body;
      const updated = await app.access.roles.updateRole(role.id, {
        ...('name' in b ? { name: await uniqueName(app, String(b.name), role.id) } : {}),
        ...('description' in b ? { description: (b.description as string | null) ?? null } : {}),
        ...('permissions' in b ? { permissions: checkedPermissions(app, b.permissions) } : {}),
      });
      if (!updated) throw notFound();
      return { status: 200, body: serializeRole(updated) };
    },
  },
  {
    method: 'DELETE',
    path: DETAIL,
    operationId: 'roles_delete',
    summary: 'Delete a role',
    tags: TAGS,
    hrefParameter: HREF,
    access: access.on('destroy'),
    responses: { 204: { description: 'Deleted.' }, ...notFoundResponse },
    handler: async (req, app) => {
      await app.access.roles.deleteRole((await editableRole(app, req.params.id!)).id);
      return { status: 204 };
    },
  },
];
