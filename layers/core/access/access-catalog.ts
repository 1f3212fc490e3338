import { ADMIN_ONLY, type PolicyDocument } from './access-policy';
import type { LockedRole, ViewsetAccess } from './viewset-access';

/**
 * Every viewset, model, permission and built-in role of the installed API, derived once
 * from core's viewsets and the installed types' declarations.
 */
export class AccessCatalog {
  private readonly byName = new Map<string, ViewsetAccess>();
  private readonly byModel = new Map<string, ViewsetAccess>();
  private readonly permissionModels = new Map<string, string>();
  private readonly roles = new Map<string, LockedRole>();

  constructor(viewsets: readonly ViewsetAccess[]) {
    for (const v of viewsets) {
      if (this.byName.has(v.name)) throw new Error(`Viewset ${v.name} is declared twice`);
      this.byName.set(v.name, v);
      if (v.model) this.byModel.set(v.model, v);
      for (const p of v.permissions ?? []) this.permissionModels.set(p, v.model!);
      for (const [name, role] of Object.entries(v.lockedRoles ?? {})) this.roles.set(name, role);
    }
    for (const [name, role] of this.roles) {
      const unknown = role.permissions.filter((p) => !this.permissionModels.has(p));
      if (unknown.length) throw new Error(`Role ${name} has unknown permissions: ${unknown.join(', ')}`);
    }
  }

  viewset(name: string): ViewsetAccess | undefined {
    return this.byName.get(name);
  }

  get viewsets(): ViewsetAccess[] {
    return [...this.byName.values()];
  }

  /** Viewsets with a default policy of their own: the rows `access_policies/` lists. */
  get policyViewsets(): ViewsetAccess[] {
    return this.viewsets.filter((v) => v.defaultPolicy);
  }

  defaultPolicy(name: string): PolicyDocument {
    return this.byName.get(name)?.defaultPolicy ?? ADMIN_ONLY;
  }

  viewsetOfModel(model: string): ViewsetAccess | undefined {
    return this.byModel.get(model);
  }

  /** The model a permission is about; undefined for a permission nothing has. */
  modelOf(permission: string): string | undefined {
    return this.permissionModels.get(permission);
  }

  get permissions(): string[] {
    return [...this.permissionModels.keys()];
  }

  get lockedRoles(): Array<{ name: string } & LockedRole> {
    return [...this.roles].map(([name, role]) => ({ name, ...role }));
  }
}
