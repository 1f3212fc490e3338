import { AsyncLocalStorage } from 'node:async_hooks';

/** The authenticated user a request (or a task they dispatched) acts as. */
export interface Principal {
  /** users.id (UUID): what role assignments and tasks reference. */
  userId: string;
  /** Pulp's integer id, as in /pulp/api/v3/users/<pk>/. */
  pk: number;
  username: string;
  isSuperuser: boolean;
  isStaff: boolean;
}

/** Who is acting, and what to do when they create an object (Pulp's creation hooks). */
export interface PrincipalScope {
  principal: Principal;
  objectCreated(prn: string): Promise<void>;
}

/**
 * The principal being served. The router opens the scope around each handler and the task
 * runner around each task (as the user who dispatched it), so creation hooks and dispatched
 * tasks know their user without every call passing it along.
 */
const scope = new AsyncLocalStorage<PrincipalScope | undefined>();

export function withPrincipal<T>(current: PrincipalScope | undefined, fn: () => T): T {
  return scope.run(current, fn);
}

export function currentPrincipal(): Principal | undefined {
  return scope.getStore()?.principal;
}

/** Runs the creation hooks of the object's viewset for the current principal (none outside a scope). */
export async function objectCreated(prn: string): Promise<void> {
  await scope.getStore()?.objectCreated(prn);
}
