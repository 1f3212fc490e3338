import type { RouteAccess, ScopeRule } from '../../core/access/route-access';
import { permissionName } from '../../core/access/viewset-access';
import type { DerivedNames } from '../../plugin-api/definitions/naming';

/** `/pulp/api/v3/repositories/file/file/` → `repositories/file/file`: the viewset's policy key. */
export const viewsetOf = (endpoint: string): string => endpoint.replace(/^\/pulp\/api\/v3\//, '').replace(/\/$/, '');

/** What lets a user see objects of these types: each type's view permission. */
export const viewRules = (types: ReadonlyArray<Pick<DerivedNames, 'model' | 'pulpType'>>): ScopeRule[] =>
  types.map((t) => ({ permission: permissionName(t.model, 'view'), pulpType: t.pulpType }));

/** The access declarations of one type's routes: its list, its create, and actions on one object. */
export interface TypedAccess {
  list: RouteAccess;
  create: RouteAccess;
  /** An action on the object of `{id}`. */
  on(action: string): RouteAccess;
}

export function typedAccess(names: DerivedNames): TypedAccess {
  const viewset = viewsetOf(names.endpoint);
  const scope = viewRules([names]);
  return {
    list: { viewset, action: 'list', scope },
    create: { viewset, action: 'create' },
    on: (action) => ({ viewset, action, object: { model: names.model, param: 'id' }, scope }),
  };
}

/** A core viewset's routes: `tasks`, `uploads`, `groups`... */
export function coreAccess(viewset: string, model: string, options: { param?: string; scoped?: boolean } = {}): TypedAccess {
  const scope = options.scoped === false ? undefined : [{ permission: permissionName(model, 'view') }];
  return {
    list: { viewset, action: 'list', ...(scope ? { scope } : {}) },
    create: { viewset, action: 'create' },
    on: (action) => ({ viewset, action, object: { model, param: options.param ?? 'id' }, ...(scope ? { scope } : {}) }),
  };
}
