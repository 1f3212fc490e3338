import type { ObjectScope } from '../../../core/access/route-access';
import type { SqlFilter } from '../sql-filter';

/**
 * The condition restricting rows to what a scope lets its user see: rows of the fully visible
 * types, and rows whose id they hold a permission on through an object-level role (their own
 * or a group's). Its values become the filter's parameters.
 */
export function scopeCondition(filter: SqlFilter, scope: ObjectScope, columns: { id: string; type?: string }): string {
  const parts: string[] = [];
  if (columns.type && scope.fullTypes.length) parts.push(`${columns.type} = ANY(${filter.param(scope.fullTypes)}::text[])`);
  if (scope.permissions.length) {
    parts.push(`${columns.id}::text IN (SELECT permitted_object_ids(${filter.param(scope.userId)}::uuid, ${filter.param(scope.permissions)}::text[]))`);
  }
  return parts.length ? `(${parts.join(' OR ')})` : 'false';
}

/** Adds the scope's condition to a list's WHERE; no scope, no restriction. */
export function addScope(filter: SqlFilter, scope: ObjectScope | undefined, columns: { id: string; type?: string }): void {
  if (scope) filter.conditions.push(scopeCondition(filter, scope, columns));
}

/** The condition: `column` names a repository the scope lets its user see. */
export function repositoryScope(filter: SqlFilter, scope: ObjectScope, column: string): string {
  return `${column} IN (SELECT r.id FROM repositories r WHERE ${scopeCondition(filter, scope, { id: 'r.id', type: 'r.pulp_type' })})`;
}

/** Rows whose repository (`column`) the scope lets its user see: versions. */
export function addRepositoryScope(filter: SqlFilter, scope: ObjectScope | undefined, column: string): void {
  if (scope) filter.conditions.push(repositoryScope(filter, scope, column));
}
