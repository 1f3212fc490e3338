/** A path parameter naming an object of `model` (`{id}` of a repository, `{pk}` of a group). */
export interface ObjectParam {
  model: string;
  param: string;
}

/** One entry of a list's scoping: what lets a user see objects of a type. */
export interface ScopeRule {
  /** `file.view_filerepository` */
  permission: string;
  /** The objects the permission covers when held model-wide (generic lists mix types). */
  pulpType?: string;
}

/**
 * The access declaration of one route: which viewset's policy governs it and as which
 * action, the objects its conditions look at, and how its results are scoped. The router
 * evaluates it before the handler runs; handlers check nothing themselves.
 */
export interface RouteAccess {
  /** `repositories/file/file`: the key of its policy in `access_policies/`. */
  viewset: string;
  /** `list`, `retrieve`, `create`, `partial_update`, `destroy`, `sync`, `add_role`... */
  action: string;
  object?: ObjectParam;
  parent?: ObjectParam;
  /**
   * What lets a user see the route's objects (Pulp's queryset_filtering_required_permission):
   * lists are filtered by it, and a detail route on an object the user may not see is a 404.
   */
  scope?: ScopeRule[];
  /**
   * Content is seen through the repositories holding it: its scope rules are the repositories'
   * view permissions, and a unit is visible when a visible repository holds it.
   */
  scopeVia?: 'repositories';
}

/**
 * What a scoped list may show a user who does not see everything: objects of the types in
 * `fullTypes`, and objects they hold one of `permissions` on through an object-level role.
 */
export interface ObjectScope {
  userId: string;
  fullTypes: string[];
  permissions: string[];
}
