import { checkCondition, type ConditionContext } from './conditions';
import { Grants, type PermissionReader } from './grants';
import type { ObjectRef } from './object-ref';
import { policyAllows } from './policy-evaluation';
import type { PolicySource } from './policy-source';
import type { Principal } from './principal';
import type { ObjectScope, RouteAccess, ScopeRule } from './route-access';

/** What the router knows of a request when it asks. */
export interface AccessRequest {
  access: RouteAccess | undefined;
  /** Public routes (status, the API document) are open to anyone when they declare nothing. */
  public: boolean;
  method: string;
  params: Record<string, string>;
  body: Record<string, unknown>;
  principal: Principal | undefined;
  resolve(value: string): Promise<ObjectRef | undefined>;
}

export type AccessDecision =
  | { kind: 'allow'; scope?: ObjectScope; grants: Grants }
  | { kind: 'deny' }
  /** Pulp hides objects a user may not see: a 404, as if it did not exist. */
  | { kind: 'not-found' };

/** The nil UUID: a scope for nobody matches nothing. */
const NOBODY = '00000000-0000-0000-0000-000000000000';

/** Evaluates a route's access declaration against its viewset's policy in force. */
export class Authorizer {
  constructor(
    private readonly policies: PolicySource,
    private readonly reader: PermissionReader,
    /** Whether a visible repository holds the content unit (scopeVia 'repositories'). */
    private readonly contentVisible: (contentId: string, scope: ObjectScope) => Promise<boolean>,
  ) {}

  grantsFor(principal: Principal | undefined): Grants {
    return new Grants(principal, this.reader);
  }

  async decide(req: AccessRequest): Promise<AccessDecision> {
    const grants = this.grantsFor(req.principal);
    const access = req.access;
    // Undeclared: open if public, else the admin's alone (fail closed).
    if (!access) return req.public || grants.isSuperuser ? { kind: 'allow', grants } : { kind: 'deny' };
    const policy = await this.policies.effective(access.viewset);
    const objectOf = (p: RouteAccess['object']): ObjectRef | undefined =>
      p && req.params[p.param] !== undefined ? { model: p.model, id: req.params[p.param]!.toLowerCase() } : undefined;
    const object = objectOf(access.object);
    const parent = objectOf(access.parent);
    const scoped = Boolean(policy.queryset_scoping) && access.scope !== undefined && !grants.isSuperuser;
    if (scoped && object && !(await this.sees(grants, access, object))) return { kind: 'not-found' };
    const ctx: ConditionContext = { grants, object, parent, body: req.body, resolve: req.resolve };
    const allowed = await policyAllows(policy.statements, { action: access.action, method: req.method }, grants, (c) => checkCondition(ctx, c));
    if (!allowed) return { kind: 'deny' };
    if (!scoped || object) return { kind: 'allow', grants };
    return { kind: 'allow', grants, scope: await this.scope(grants, access.scope!) };
  }

  /** What a principal may see of objects `rules` cover (undefined: everything); for tasks acting on a user's behalf. */
  async scopeFor(principal: Principal, rules: ScopeRule[]): Promise<ObjectScope | undefined> {
    const grants = this.grantsFor(principal);
    return grants.isSuperuser ? undefined : this.scope(grants, rules);
  }

  /** May the user see this object: a view permission model-wide, or on the object (or, for content, on a repository holding it). */
  private async sees(grants: Grants, access: RouteAccess, object: ObjectRef): Promise<boolean> {
    if (access.scopeVia === 'repositories') {
      const scope = await this.scope(grants, access.scope!);
      return !scope || this.contentVisible(object.id, scope);
    }
    for (const rule of access.scope!) if (await grants.hasPermission(rule.permission, object)) return true;
    return false;
  }

  /** Undefined when every rule is held model-wide (nothing to filter). */
  private async scope(grants: Grants, rules: ScopeRule[]): Promise<ObjectScope | undefined> {
    const model = await grants.modelPermissions();
    const full = rules.filter((r) => model.has(r.permission));
    if (rules.length && full.length === rules.length) return undefined;
    return {
      userId: grants.principal?.userId ?? NOBODY,
      fullTypes: full.map((r) => r.pulpType).filter((t): t is string => t !== undefined),
      permissions: rules.filter((r) => !model.has(r.permission)).map((r) => r.permission),
    };
  }
}
