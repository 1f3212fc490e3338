import type { App } from '../../app/app';
import type { ObjectRef } from '../../core/access/object-ref';
import type { Holder, Role } from '../../core/access/role-store';
import { validationError } from '../../http/errors';
import type { ApiRequest, Route } from '../../http/route';
import { f, schema } from '../../http/schema/fields';
import { badRequestResponse, FORMS, notFoundResponse } from '../common/responses';
import type { TypedAccess } from './route-access';

const NestedRole = schema('NestedRole', {
  users: f.array(f.string(), { default: [] }),
  groups: f.array(f.string(), { default: [] }),
  role: f.string({ required: true }),
});
const ObjectRoles = schema('ObjectRoles', { roles: f.array(f.json()) });
const MyPermissions = schema('MyPermissions', { permissions: f.array(f.string()) });

/** An object type that has Pulp's RolesMixin: roles assigned on one of its objects. */
export interface RoleTarget {
  /** The detail path, e.g. `/pulp/api/v3/repositories/file/file/{id}/`. */
  path: string;
  operationPrefix: string;
  hrefParameter: { name: string; prefix: string };
  tags: string[];
  access: TypedAccess;
  /** The model roles on these objects are about (`file.filerepository`). */
  model: string;
  /** The path parameter naming the object (`id`, or `pk` for groups). */
  param?: string;
  /** Throws a 404 when the object does not exist. */
  find(app: App, id: string): Promise<unknown>;
}

/** A role that exists and carries a permission on the model; 400s in Pulp's words otherwise. */
async function roleFor(app: App, name: string, model: string): Promise<Role> {
  const role = await app.access.roles.roleByName(name);
  if (!role) throw validationError({ role: [`Object with name=${name} does not exist.`] });
  if (!role.permissions.some((p) => app.access.catalog.modelOf(p) === model))
    throw validationError({ non_field_errors: ['The role does not contain any permission for that object.'] });
  return role;
}

/** The users and groups a body names, each checked to exist. */
async function holdersOf(app: App, body: Record<string, unknown>): Promise<Array<{ holder: Holder; label: string; name: string }>> {
  const out: Array<{ holder: Holder; label: string; name: string }> = [];
  for (const name of (body.users as string[] | null | undefined) ?? []) {
    const user = await app.access.identities.userByName(name);
    if (!user) throw validationError({ users: [`Object with username=${name} does not exist.`] });
    out.push({ holder: { kind: 'user', userId: user.id }, label: 'user', name });
  }
  for (const name of (body.groups as string[] | null | undefined) ?? []) {
    const group = await app.access.identities.groupByName(name);
    if (!group) throw validationError({ groups: [`Object with name=${name} does not exist.`] });
    out.push({ holder: { kind: 'group', groupPk: group.pk }, label: 'group', name });
  }
  return out;
}

/** Pulp's RolesMixin: `list_roles/`, `add_role/`, `remove_role/` and `my_permissions/` on an object. */
export function objectRoleRoutes(target: RoleTarget): Route<App>[] {
  const param = target.param ?? 'id';
  const objectOf = async (app: App, req: ApiRequest): Promise<ObjectRef> => {
    await target.find(app, req.params[param]!);
    return { model: target.model, id: req.params[param]! };
  };
  const change = async (req: ApiRequest, app: App, assign: boolean) => {
    const object = await objectOf(app, req);
    const role = await roleFor(app, String(req.body.role), target.model);
    const holders = await holdersOf(app, req.body);
    const found = await Promise.all(holders.map((h) => app.access.roles.findAssignment(h.holder, role.id, object)));
    holders.forEach((h, i) => {
      if (assign && found[i]) throw validationError({ non_field_errors: [`The role is already assigned to ${h.label} '${h.name}'.`] });
      if (!assign && !found[i]) throw validationError({ non_field_errors: [`The role is not assigned to ${h.label} '${h.name}'.`] });
    });
    for (let i = 0; i < holders.length; i += 1) {
      if (assign) await app.access.roles.grant(holders[i]!.holder, role.id, object);
      else await app.access.roles.unassign(found[i]!.id);
    }
    return { status: 201, body: { users: req.body.users ?? [], groups: req.body.groups ?? [], role: role.name } };
  };
  const common = { tags: target.tags, hrefParameter: target.hrefParameter };
  return [
    {
      method: 'GET',
      path: `${target.path}list_roles/`,
      operationId: `${target.operationPrefix}_list_roles`,
      summary: 'List roles assigned to this object',
      ...common,
      query: [],
      access: target.access.on('list_roles'),
      responses: { 200: { description: 'Roles and who holds them.', schema: ObjectRoles }, ...notFoundResponse },
      handler: async (req, app) => ({ status: 200, body: { roles: await app.access.roles.objectHolders(await objectOf(app, req)) } }),
    },
    {
      method: 'POST',
      path: `${target.path}add_role/`,
      operationId: `${target.operationPrefix}_add_role`,
      summary: 'Add a role for this object to users/groups',
      ...common,
      body: { schema: NestedRole, contentTypes: [...FORMS] },
      access: target.access.on('add_role'),
      responses: { 201: { description: 'The role assigned.', schema: NestedRole }, ...badRequestResponse, ...notFoundResponse },
      handler: (req, app) => change(req, app, true),
    },
    {
      method: 'POST',
      path: `${target.path}remove_role/`,
      operationId: `${target.operationPrefix}_remove_role`,
      summary: 'Remove a role for this object from users/groups',
      ...common,
      body: { schema: NestedRole, contentTypes: [...FORMS] },
      access: target.access.on('remove_role'),
      responses: { 201: { description: 'The role removed.', schema: NestedRole }, ...badRequestResponse, ...notFoundResponse },
      handler: (req, app) => change(req, app, false),
    },
    {
      method: 'GET',
      path: `${target.path}my_permissions/`,
      operationId: `${target.operationPrefix}_my_permissions`,
      summary: 'List permissions available to the current user on this object',
      ...common,
      query: [],
      access: target.access.on('my_permissions'),
      responses: { 200: { description: "The user's permissions on the object.", schema: MyPermissions }, ...notFoundResponse },
      handler: async (req, app) => {
        const object = await objectOf(app, req);
        const held = req.principal ? await app.access.roles.objectPermissions(req.principal.userId, object) : [];
        return { status: 200, body: { permissions: [...new Set(held)].sort() } };
      },
    },
  ];
}
