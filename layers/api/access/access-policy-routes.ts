import type { App } from '../../app/app';
import { statementProblems, type CreationHook, type PolicyDocument } from '../../core/access/access-policy';
import type { StoredPolicy } from '../../core/access/policy-source';
import { notFound, validationError } from '../../http/errors';
import { listQueryParams } from '../../http/pagination';
import type { Route } from '../../http/route';
import { f, schema } from '../../http/schema/fields';
import { detailParams, textMatch, textParams } from '../common/filters';
import { idsIn } from '../common/references';
import { badRequestResponse, FORMS, listResponse, notFoundResponse, select } from '../common/responses';
import { coreAccess } from './route-access';

export const ACCESS_POLICIES = '/pulp/api/v3/access_policies/';
const DETAIL = `${ACCESS_POLICIES}{id}/`;
const HREF = { name: 'access_policy_href', prefix: DETAIL };
const TAGS = ['Access_policies'];
const access = coreAccess('access_policies', 'core.accesspolicy', { scoped: false });

const AccessPolicySchema = schema('AccessPolicy', {
  pulp_href: f.href({ readOnly: true }),
  prn: f.string({ readOnly: true }),
  pulp_created: f.dateTime({ readOnly: true }),
  pulp_last_updated: f.dateTime({ readOnly: true }),
  permissions_assignment: f.array(f.json(), { description: 'Deprecated: use creation_hooks.' }),
  creation_hooks: f.array(f.json(), { description: 'List of callables that may associate user roles for new objects.' }),
  statements: f.array(f.json(), { required: true, description: 'List of policy statements defining the policy.' }),
  viewset_name: f.string({ readOnly: true, description: 'The name of ViewSet this AccessPolicy authorizes.' }),
  customized: f.boolean({ readOnly: true, description: 'True if the AccessPolicy has been user-modified. False otherwise.' }),
  queryset_scoping: f.json({ nullable: true, description: 'A callable for performing queryset scoping. Set to blank to turn off queryset scoping.' }),
});

const serializePolicy = (p: StoredPolicy): Record<string, unknown> => ({
  pulp_href: `${ACCESS_POLICIES}${p.id}/`,
  prn: `prn:core.accesspolicy:${p.id}`,
  pulp_created: p.pulpCreated,
  pulp_last_updated: p.pulpLastUpdated,
  permissions_assignment: p.creation_hooks ?? [],
  creation_hooks: p.creation_hooks ?? [],
  statements: p.statements,
  viewset_name: p.viewsetName,
  customized: p.customized,
  queryset_scoping: p.queryset_scoping ?? null,
});

async function policyOr404(app: App, id: string): Promise<StoredPolicy> {
  const policy = await app.access.policies.getById(id);
  if (!policy) throw notFound();
  return policy;
}

function hooksOf(value: unknown): CreationHook[] {
  const ok = Array.isArray(value) && value.every((h) => typeof h === 'object' && h !== null && typeof (h as CreationHook).function === 'string');
  if (!ok) throw validationError({ creation_hooks: ['Expected a list of {"function": ..., "parameters": ...} objects.'] });
  return value as CreationHook[];
}

/** Pulp's `access_policies/`: one policy per viewset, customizable, and `reset/` to its default. */
export const accessPolicyRoutes: Route<App>[] = [
  {
    method: 'GET',
    path: ACCESS_POLICIES,
    operationId: 'access_policies_list',
    summary: 'List access policies',
    tags: TAGS,
    query: listQueryParams([...textParams('viewset_name'), { name: 'customized', field: f.boolean() }]),
    access: access.list,
    responses: { 200: { description: 'A page of access policies.', schema: { paginated: AccessPolicySchema } } },
    handler: (req, app) => {
      const filter = { ids: idsIn(app, req.query, [ACCESS_POLICIES]), viewsetName: textMatch(req.query, 'viewset_name'), customized: req.query.customized as boolean | undefined };
      return listResponse(req, (w) => app.access.policies.list(filter, w), serializePolicy);
    },
  },
  {
    method: 'GET',
    path: DETAIL,
    operationId: 'access_policies_read',
    summary: 'Inspect an access policy',
    tags: TAGS,
    hrefParameter: HREF,
    query: detailParams,
    access: access.on('retrieve'),
    responses: { 200: { description: 'The policy.', schema: AccessPolicySchema }, ...notFoundResponse },
    handler: async (req, app) => ({ status: 200, body: select(req, serializePolicy(await policyOr404(app, req.params.id!))) }),
  },
  {
    method: 'PATCH',
    path: DETAIL,
    operationId: 'access_policies_partial_update',
    summary: 'Customize an access policy',
    tags: TAGS,
    hrefParameter: HREF,
    body: { schema: AccessPolicySchema, contentTypes: [...FORMS], partial: true },
    access: access.on('partial_update'),
    responses: { 200: { description: 'The policy.', schema: AccessPolicySchema }, ...badRequestResponse, ...notFoundResponse },
    handler: async (req, app) => {
      const current = await policyOr404(app, req.params.id!);
      const b = req.body;
      if (!Object.keys(b).length) return { status: 200, body: serializePolicy(current) };
      if ('permissions_assignment' in b && 'creation_hooks' in b && JSON.stringify(b.permissions_assignment) !== JSON.stringify(b.creation_hooks))
        throw validationError({ non_field_errors: ["Cannot specify both 'permissions_assignment' and 'creation_hooks'."] });
      const next: PolicyDocument = { statements: current.statements, creation_hooks: current.creation_hooks, queryset_scoping: current.queryset_scoping };
      if ('statements' in b) {
        const problems = statementProblems(b.statements);
        if (problems.length) throw validationError({ statements: problems });
        next.statements = b.statements as PolicyDocument['statements'];
      }
      if ('creation_hooks' in b || 'permissions_assignment' in b) next.creation_hooks = hooksOf(b.creation_hooks ?? b.permissions_assignment);
      if ('queryset_scoping' in b) {
        const q = b.queryset_scoping as Record<string, unknown> | null;
        if (q !== null && (typeof q !== 'object' || Array.isArray(q) || (Object.keys(q).length && typeof q.function !== 'string')))
          throw validationError({ queryset_scoping: ['Expected {"function": ..., "parameters": ...}, or {} to turn scoping off.'] });
        next.queryset_scoping = q && Object.keys(q).length ? (q as PolicyDocument['queryset_scoping']) : null;
      }
      const saved = await app.access.policies.save(current.viewsetName, next, true);
      app.access.policySource.forget(current.viewsetName);
      return { status: 200, body: serializePolicy(saved) };
    },
  },
  {
    method: 'POST',
    path: `${DETAIL}reset/`,
    operationId: 'access_policies_reset',
    summary: 'Reset an access policy to its default',
    tags: TAGS,
    hrefParameter: HREF,
    access: access.on('reset'),
    responses: { 200: { description: 'The policy, as it ships.', schema: AccessPolicySchema }, ...notFoundResponse },
    handler: async (req, app) => {
      const current = await policyOr404(app, req.params.id!);
      const saved = await app.access.policies.save(current.viewsetName, app.access.catalog.defaultPolicy(current.viewsetName), false);
      app.access.policySource.forget(current.viewsetName);
      return { status: 200, body: serializePolicy(saved) };
    },
  },
];
