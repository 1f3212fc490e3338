import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The abort signal of the task being run: it fires on cancel, at the invocation's deadline,
 * or when the task was finished elsewhere. The runner opens the scope around each task
 * function, so every remote fetch the task makes (through the downloader) stops with it,
 * whichever plugin started the fetch.
 */
const scope = new AsyncLocalStorage<AbortSignal>();

export function runInTaskScope<T>(signal: AbortSignal, fn: () => T): T {
  return scope.run(signal, fn);
}

export function currentTaskSignal(): AbortSignal | undefined {
  return scope.getStore();
}
