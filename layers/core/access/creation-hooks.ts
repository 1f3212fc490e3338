import type { Logger } from '../logger';
import type { AccessCatalog } from './access-catalog';
import type { IdentityStore } from './identity-store';
import { parsePrn } from './object-ref';
import type { PolicySource } from './policy-source';
import type { Principal } from './principal';
import type { Holder, RoleStore } from './role-store';

const ROLE_CACHE_MS = 60_000;

const names = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * Runs the creation hooks of the viewset an object belongs to, as Pulp's creation hooks do:
 * `add_roles_for_object_creator` (the creator gets roles on the new object),
 * `add_roles_for_users` and `add_roles_for_groups` (named users or groups get them).
 */
export class CreationHooks {
  /** Role ids by name: every dispatched task runs a hook, and built-in roles do not move. */
  private readonly roleIds = new Map<string, { id: string | undefined; at: number }>();

  constructor(
    private readonly catalog: AccessCatalog,
    private readonly policies: PolicySource,
    private readonly roles: RoleStore,
    private readonly identities: IdentityStore,
    private readonly logger: Logger,
  ) {}

  async run(prn: string, creator: Principal | undefined): Promise<void> {
    const object = parsePrn(prn);
    const viewset = object && this.catalog.viewsetOfModel(object.model);
    if (!object || !viewset?.defaultPolicy) return;
    const policy = await this.policies.effective(viewset.name);
    for (const hook of policy.creation_hooks ?? []) {
      const params = hook.parameters ?? {};
      const holders: Holder[] = [];
      if (hook.function === 'add_roles_for_object_creator') {
        if (creator) holders.push({ kind: 'user', userId: creator.userId });
      } else if (hook.function === 'add_roles_for_users') {
        for (const name of names(params.users)) {
          const user = await this.identities.userByName(name);
          if (user) holders.push({ kind: 'user', userId: user.id });
        }
      } else if (hook.function === 'add_roles_for_groups') {
        for (const name of names(params.groups)) {
          const group = await this.identities.groupByName(name);
          if (group) holders.push({ kind: 'group', groupPk: group.pk });
        }
      } else {
        this.logger.warn('Unknown creation hook in an access policy', { viewset: viewset.name, hook: hook.function });
        continue;
      }
      for (const roleName of names(params.roles)) {
        const role = await this.role(roleName);
        if (!role) {
          this.logger.warn('A creation hook names a role that does not exist', { viewset: viewset.name, role: roleName });
          continue;
        }
        for (const holder of holders) await this.roles.grant(holder, role, object);
      }
    }
  }

  private async role(name: string): Promise<string | undefined> {
    const hit = this.roleIds.get(name);
    if (hit && Date.now() - hit.at < ROLE_CACHE_MS) return hit.id;
    const id = (await this.roles.roleByName(name))?.id;
    this.roleIds.set(name, { id, at: Date.now() });
    return id;
  }
}
