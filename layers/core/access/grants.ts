import type { ObjectRef } from './object-ref';
import type { Principal } from './principal';

/** Reads what a user holds through their roles and their groups' roles. */
export interface PermissionReader {
  /** Permissions of model-level assignments (object_id NULL). */
  modelPermissions(userId: string): Promise<string[]>;
  /** Permissions of assignments on this one object. */
  objectPermissions(userId: string, object: ObjectRef): Promise<string[]>;
  groupNames(userId: string): Promise<string[]>;
}

/**
 * One principal's permissions, read at most once per request: Django's `user.has_perm`. An
 * active superuser holds every permission, as in Django.
 */
export class Grants {
  private model?: Promise<Set<string>>;
  private readonly objects = new Map<string, Promise<Set<string>>>();
  private groups?: Promise<string[]>;

  constructor(
    readonly principal: Principal | undefined,
    private readonly reader: PermissionReader,
  ) {}

  get isSuperuser(): boolean {
    return this.principal?.isSuperuser ?? false;
  }

  modelPermissions(): Promise<Set<string>> {
    if (!this.principal) return Promise.resolve(new Set());
    this.model ??= this.reader.modelPermissions(this.principal.userId).then((p) => new Set(p));
    return this.model;
  }

  objectPermissions(object: ObjectRef): Promise<Set<string>> {
    if (!this.principal) return Promise.resolve(new Set());
    const key = `${object.model}:${object.id}`;
    const found = this.objects.get(key) ?? this.reader.objectPermissions(this.principal.userId, object).then((p) => new Set(p));
    this.objects.set(key, found);
    return found;
  }

  groupNames(): Promise<string[]> {
    if (!this.principal) return Promise.resolve([]);
    this.groups ??= this.reader.groupNames(this.principal.userId);
    return this.groups;
  }

  async hasModelPermission(permission: string): Promise<boolean> {
    return this.isSuperuser || (await this.modelPermissions()).has(permission);
  }

  /** Model-level, or on the object when there is one. */
  async hasPermission(permission: string, object?: ObjectRef): Promise<boolean> {
    if (await this.hasModelPermission(permission)) return true;
    return object !== undefined && (await this.objectPermissions(object)).has(permission);
  }
}
