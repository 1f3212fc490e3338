import { describe, expect, it } from 'vitest';
import { apiRoutes } from '../../../layers/api/route-table';
import { accessCatalog } from '../../../layers/app/access';
import { Authorizer } from '../../../layers/core/access/authorizer';
import { PolicySource, type PolicyStore } from '../../../layers/core/access/policy-source';
import type { Principal } from '../../../layers/core/access/principal';
import { componentVersions } from '../../../layers/core/status/versions';
import type { Route } from '../../../layers/http/route';
import { InstalledTypes } from '../../../layers/plugin-api/installed-types';
import { installedPlugins } from '../../../layers/plugins';
import { catalogPlugin } from '../../plugins/catalog/plugin';

// The whole route table: core, the installed plugins, and a test plugin beside them, so the
// declarations are shown to come from the types, whichever are installed.
const types = new InstalledTypes([...installedPlugins, catalogPlugin]);
const routes = apiRoutes(types, componentVersions(types.components())) as Route<unknown>[];
const catalog = accessCatalog(types);
const noRows: PolicyStore = {
  get: async () => undefined,
  getById: async () => undefined,
  list: async () => ({ count: 0, results: [] }),
  save: async () => {
    throw new Error('read only');
  },
};
const nobodyHoldsAnything = { modelPermissions: async () => [], objectPermissions: async () => [], groupNames: async () => [] };
const authorizer = new Authorizer(new PolicySource(catalog, noRows), nobodyHoldsAnything, async () => false);

const admin: Principal = { userId: '00000000-0000-0000-0000-000000000001', pk: 1, username: 'admin', isSuperuser: true, isStaff: true };
const someone: Principal = { userId: '00000000-0000-0000-0000-000000000002', pk: 2, username: 'someone', isSuperuser: false, isStaff: false };
const ID = '018f0e3a-0000-7000-8000-0000000000aa';

/** Route parameters as the router would give them. */
const paramsOf = (route: Route<unknown>) =>
  Object.fromEntries([...route.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1]!, m[1] === 'id' ? ID : m[1] === 'pk' || m[1] === 'user_pk' ? '7' : '1']));
const decide = (route: Route<unknown>, principal: Principal | undefined) =>
  authorizer.decide({ access: route.access, public: Boolean(route.public), method: route.method, params: paramsOf(route), body: {}, principal, resolve: async () => undefined });
const label = (r: Route<unknown>) => `${r.method} ${r.path} (${r.operationId})`;

describe('every route of the route table has an access policy', () => {
  it.each(routes.map((r) => [label(r), r] as const))('%s declares a viewset and an action', (_name, route) => {
    expect(route.access).toEqual(expect.objectContaining({ viewset: expect.any(String), action: expect.any(String) }));
  });

  it.each(routes.filter((r) => r.access).map((r) => [label(r), r] as const))('%s names a known viewset, parameters of its path and known permissions', (_name, route) => {
    // Prepare
    const a = route.access!;
    const params = Object.keys(paramsOf(route));

    // Assess
    expect(catalog.viewset(a.viewset)).toBeDefined();
    for (const p of [a.object, a.parent].filter((x) => x !== undefined)) {
      expect(params).toContain(p.param);
      expect(catalog.viewsetOfModel(p.model) ?? (p.model === 'core.content' || types.content.all.some((c) => c.names.model === p.model))).toBeTruthy();
    }
    for (const rule of a.scope ?? []) expect(catalog.modelOf(rule.permission)).toBeDefined();
  });

  it.each(routes.map((r) => [label(r), r] as const))('%s lets the admin in under its default policy', async (_name, route) => {
    expect((await decide(route, admin)).kind).toBe('allow');
  });

  it.each(routes.filter((r) => !r.public).map((r) => [label(r), r] as const))('%s refuses anyone not signed in', async (_name, route) => {
    expect((await decide(route, undefined)).kind).not.toBe('allow');
  });

  it('refuses a route that declares nothing to everyone but the admin', async () => {
    // Prepare
    const undeclared = { ...routes.find((r) => r.operationId === 'tasks_list')!, access: undefined };

    // Act
    const [asAdmin, asSomeone] = [await decide(undeclared, admin), await decide(undeclared, someone)];

    // Assess
    expect([asAdmin.kind, asSomeone.kind]).toEqual(['allow', 'deny']);
  });
});
