import type { App } from '../../app/app';
import { prnOf, type ObjectRef } from '../../core/access/object-ref';
import type { Holder, RoleAssignment } from '../../core/access/role-store';
import { notFound, validationError } from '../../http/errors';
import { listQueryParams } from '../../http/pagination';
import type { ApiRequest, Route } from '../../http/route';
import { f, schema } from '../../http/schema/fields';
import { csv, detailParams, ordering, str, textMatch } from '../common/filters';
import { badRequestResponse, FORMS, listResponse, notFoundResponse, select } from '../common/responses';
import { objectHref, resolveObject } from './object-hrefs';

const AssignmentSchema = (name: string) =>
  schema(name, {
    pulp_href: f.href({ readOnly: true }),
    prn: f.string({ readOnly: true }),
    pulp_created: f.dateTime({ readOnly: true }),
    pulp_last_updated: f.dateTime({ readOnly: true }),
    role: f.string({ required: true }),
    content_object: f.string({
      nullable: true,
      description: "pulp_href of the object for which role permissions should be asserted. If set to 'null', permissions will act on the model-level.",
    }),
    content_object_prn: f.string({ nullable: true, description: "prn of the object for which role permissions should be asserted. If set to 'null', permissions will act on the model-level." }),
    description: f.string({ readOnly: true }),
    permissions: f.array(f.string(), { readOnly: true }),
    domain: f.href({ nullable: true, description: 'Domain this role should be applied on, mutually exclusive with content_object.' }),
  });

/** Role assignments of users (`users/{pk}/roles/`) or of groups (`groups/{pk}/roles/`). */
export interface AssignmentTarget {
  /** `/pulp/api/v3/users/` */
  base: string;
  /** `users_roles` */
  operationPrefix: string;
  /** `auth_user_href` */
  parentHref: string;
  /** `auth_users_user_role_href` */
  detailHref: string;
  schemaName: string;
  /** `users/roles` */
  viewset: string;
  tags: string[];
  /** `user` or `group`, as Pulp's messages say. */
  label: string;
  /** The model of the parent path's object (`auth.user`, `core.group`). */
  parentModel: string;
  /** The holder the parent path names, or a 404. */
  holder(app: App, pk: string | undefined): Promise<Holder>;
}

function serialize(app: App, t: AssignmentTarget, pk: string, a: RoleAssignment): Record<string, unknown> {
  return {
    pulp_href: `${t.base}${pk}/roles/${a.id}/`,
    prn: `prn:core.${t.label}role:${a.id}`,
    pulp_created: a.pulpCreated,
    pulp_last_updated: a.pulpCreated,
    role: a.role.name,
    content_object: a.object ? objectHref(app, a.object) : null,
    content_object_prn: a.object ? prnOf(a.object) : null,
    description: a.role.description,
    permissions: a.role.permissions,
    domain: null,
  };
}

/** `content_object` (href) or `content_object_prn`; `null` or "" for a model-level assignment. */
async function objectOf(app: App, body: Record<string, unknown>): Promise<ObjectRef | null> {
  const value = (body.content_object ?? body.content_object_prn ?? null) as string | null;
  if (value === null || value === '') return null;
  const object = await resolveObject(app, value);
  if (!object) throw validationError({ content_object: [`Invalid value: ${value}.`] });
  return object;
}

export function roleAssignmentRoutes(t: AssignmentTarget): Route<App>[] {
  const list = `${t.base}{pk}/roles/`;
  const detail = `${list}{id}/`;
  const Schema = AssignmentSchema(t.schemaName);
  const parent = { model: t.parentModel, param: 'pk' };
  const access = (action: string) => ({ viewset: t.viewset, action, parent });
  const find = async (app: App, req: ApiRequest) => {
    const holder = await t.holder(app, req.params.pk);
    const found = await app.access.roles.getAssignment(holder, req.params.id!);
    if (!found) throw notFound();
    return found;
  };
  return [
    {
      method: 'GET',
      path: list,
      operationId: `${t.operationPrefix}_list`,
      summary: `List ${t.label} roles`,
      tags: t.tags,
      hrefParameter: { name: t.parentHref, prefix: `${t.base}{pk}/` },
      query: listQueryParams([str('role'), csv('role__in'), str('role__contains'), str('role__icontains'), str('role__startswith'), str('content_object'), str('domain')]),
      access: access('list'),
      responses: { 200: { description: 'A page of role assignments.', schema: { paginated: Schema } }, ...notFoundResponse },
      handler: async (req, app) => {
        const holder = await t.holder(app, req.params.pk);
        const q = req.query;
        let object: ObjectRef | null | undefined;
        if (q.content_object === 'null') object = null;
        else if (typeof q.content_object === 'string') {
          object = await resolveObject(app, q.content_object);
          if (!object) throw validationError({ content_object: [`Invalid value for 'content_object': ${q.content_object}.`] });
        }
        const filter = { holder, role: textMatch(q, 'role'), object, ordering: ordering(q, ['role', 'description', 'pulp_created']) };
        return listResponse(req, (w) => app.access.roles.listAssignments(filter, w), (a) => serialize(app, t, req.params.pk!, a));
      },
    },
    {
      method: 'POST',
      path: list,
      operationId: `${t.operationPrefix}_create`,
      summary: `Add a role to a ${t.label}`,
      tags: t.tags,
      hrefParameter: { name: t.parentHref, prefix: `${t.base}{pk}/` },
      body: { schema: Schema, contentTypes: [...FORMS] },
      access: access('create'),
      responses: { 201: { description: 'The assignment.', schema: Schema }, ...badRequestResponse, ...notFoundResponse },
      handler: async (req, app) => {
        const holder = await t.holder(app, req.params.pk);
        const body = req.body;
        if (!('content_object' in body) && !('content_object_prn' in body) && !('domain' in body))
          throw validationError({
            non_field_errors: ["Either 'content_object' or 'content_object_prn' needs to be specified. Use 'null' for global or domain level access."],
          });
        const name = String(body.role);
        const role = await app.access.roles.roleByName(name);
        if (!role) throw validationError({ role: [`Object with name=${name} does not exist.`] });
        const object = await objectOf(app, body);
        if (object && !role.permissions.some((p) => app.access.catalog.modelOf(p) === object.model))
          throw validationError({ non_field_errors: [`The role '${name}' does not carry any permission for that object.`] });
        if (await app.access.roles.findAssignment(holder, role.id, object))
          throw validationError({ non_field_errors: [`The role is already assigned to this ${t.label}.`] });
        const made = await app.access.roles.assign(holder, role.id, object);
        return { status: 201, body: serialize(app, t, req.params.pk!, made) };
      },
    },
    {
      method: 'GET',
      path: detail,
      operationId: `${t.operationPrefix}_read`,
      summary: `Inspect a ${t.label} role`,
      tags: t.tags,
      hrefParameter: { name: t.detailHref, prefix: detail },
      query: detailParams,
      access: access('retrieve'),
      responses: { 200: { description: 'The assignment.', schema: Schema }, ...notFoundResponse },
      handler: async (req, app) => ({ status: 200, body: select(req, serialize(app, t, req.params.pk!, await find(app, req))) }),
    },
    {
      method: 'DELETE',
      path: detail,
      operationId: `${t.operationPrefix}_delete`,
      summary: `Remove a role from a ${t.label}`,
      tags: t.tags,
      hrefParameter: { name: t.detailHref, prefix: detail },
      access: access('destroy'),
      responses: { 204: { description: 'Removed.' }, ...notFoundResponse },
      handler: async (req, app) => {
        await app.access.roles.unassign((await find(app, req)).id);
        return { status: 204 };
      },
    },
  ];
}
