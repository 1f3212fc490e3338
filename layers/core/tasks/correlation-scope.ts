import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The correlation id of the API request being served. The router opens the scope around each
 * handler, so every task dispatched while serving it records the id as `logging_cid` (as Pulp
 * does) even when a route forgets to pass `loggingCid` itself.
 */
const scope = new AsyncLocalStorage<string>();

export function withCorrelationId<T>(correlationId: string, fn: () => T): T {
  return scope.run(correlationId, fn);
}

export function currentCorrelationId(): string | undefined {
  return scope.getStore();
}
