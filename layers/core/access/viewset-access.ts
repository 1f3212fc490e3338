import type { PolicyDocument } from './access-policy';

/** A built-in (locked) role: a name, a description and its permissions. */
export interface LockedRole {
  description?: string;
  permissions: string[];
}

/**
 * What access control knows of one of Pulp's viewsets (`repositories/file/file`, `tasks`):
 * the model its objects are, the model's permissions, the built-in roles it brings and its
 * default policy. A viewset without a default policy is the admin's alone and is not listed
 * by `access_policies/` (as in Pulp).
 */
export interface ViewsetAccess {
  name: string;
  /** `file.filerepository`: object-level roles name objects of this model. */
  model?: string;
  permissions?: string[];
  lockedRoles?: Record<string, LockedRole>;
  defaultPolicy?: PolicyDocument;
}

/** `file.filerepository` + `view` → `file.view_filerepository`. */
export function permissionName(model: string, verb: string): string {
  const dot = model.indexOf('.');
  return `${model.slice(0, dot)}.${verb}_${model.slice(dot + 1)}`;
}

/** Django's four model permissions plus the model's own extra verbs. */
export function modelPermissions(model: string, ...extraVerbs: string[]): string[] {
  return ['add', 'change', 'delete', 'view', ...extraVerbs].map((verb) => permissionName(model, verb));
}
