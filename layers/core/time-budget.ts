import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * How long the work being done may still take: an API request has a few seconds, so every
 * database call it makes is bounded by what is left of them (adapters read it), and a stalled
 * backend ends the request with a clear error instead of a hang.
 */
const scope = new AsyncLocalStorage<number>();

export function withTimeBudget<T>(ms: number, fn: () => T): T {
  const deadline = Date.now() + ms;
  const outer = scope.getStore();
  return scope.run(outer === undefined ? deadline : Math.min(outer, deadline), fn);
}

/** Milliseconds left of the current budget, or undefined outside one. */
export function remainingBudgetMs(): number | undefined {
  const deadline = scope.getStore();
  return deadline === undefined ? undefined : deadline - Date.now();
}
