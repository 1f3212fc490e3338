import type { Grants } from './grants';
import type { ObjectRef } from './object-ref';

/** What a condition may look at: the permissions, the route's objects and the request body. */
export interface ConditionContext {
  grants: Grants;
  /** The object the route acts on (the repository of `{repo}`, the task of `{task}`...). */
  object?: ObjectRef;
  /** The parent of a nested route (the repository of a version, the group of a group user). */
  parent?: ObjectRef;
  body: Record<string, unknown>;
  /** The object an href or PRN in the body names; a version names its repository. */
  resolve(value: string): Promise<ObjectRef | undefined>;
}

type Condition = (ctx: ConditionContext, arg: string) => Promise<boolean>;

const any = async (permissions: string, test: (p: string) => Promise<boolean>): Promise<boolean> => {
  for (const p of permissions.split(',').map((s) => s.trim()).filter(Boolean)) if (await test(p)) return true;
  return false;
};

/** A body field naming an object: absent (or null) passes; present needs the permission on it. */
const paramCondition =
  (...fields: string[]): Condition =>
  async (ctx, arg) => {
    const named = fields.map((f) => ctx.body[f]).filter((v): v is string => typeof v === 'string' && v !== '');
    for (const value of named) {
      const object = await ctx.resolve(value);
      // An href naming nothing is the handler's 400 to give.
      if (object && !(await any(arg, (p) => ctx.grants.hasPermission(p, object)))) return false;
    }
    return true;
  };

const modelOnly: Condition = (ctx, arg) => any(arg, (p) => ctx.grants.hasModelPermission(p));
const modelOrObject: Condition = (ctx, arg) => any(arg, (p) => ctx.grants.hasPermission(p, ctx.object));
const modelOrParent: Condition = (ctx, arg) => any(arg, (p) => ctx.grants.hasPermission(p, ctx.parent));

/**
 * Pulp's global access conditions by name (`has_model_or_domain_or_obj_perms:<perm>`). This
 * deployment has no domains, so domain-level permissions are model-level ones.
 */
export const CONDITIONS: Record<string, Condition> = {
  has_model_perms: modelOnly,
  has_model_or_domain_perms: modelOnly,
  has_domain_perms: async () => false,
  has_obj_perms: (ctx, arg) => any(arg, async (p) => ctx.grants.isSuperuser || (ctx.object !== undefined && (await ctx.grants.objectPermissions(ctx.object)).has(p))),
  has_model_or_obj_perms: modelOrObject,
  has_model_or_domain_or_obj_perms: modelOrObject,
  has_repository_model_or_domain_or_obj_perms: modelOrParent,
  has_repository_obj_perms: modelOrParent,
  has_group_model_or_obj_perms: modelOrParent,
  has_remote_param_model_or_domain_or_obj_perms: paramCondition('remote'),
  has_repo_or_repo_ver_param_model_or_domain_or_obj_perms: paramCondition('repository', 'repository_version'),
  has_publication_param_model_or_domain_or_obj_perms: paramCondition('publication'),
  has_required_repo_perms_on_upload: paramCondition('repository'),
  has_upload_param_model_or_domain_or_obj_perms: paramCondition('upload'),
  has_content_guard_param_model_or_domain_or_obj_perms: paramCondition('content_guard'),
};

/** Evaluates `name:argument`; an unknown condition never holds. */
export function checkCondition(ctx: ConditionContext, condition: string): Promise<boolean> {
  const colon = condition.indexOf(':');
  const name = colon < 0 ? condition : condition.slice(0, colon);
  const fn = CONDITIONS[name];
  return fn ? fn(ctx, colon < 0 ? '' : condition.slice(colon + 1)) : Promise.resolve(false);
}
