// Shared property for the fuzz tests of parsers of untrusted input: they return or throw the
// client-facing error, never anything else.

import { isPythonClientError } from '../../../../layers/plugins/python/client-error';

export function returnsOrRejectsCleanly(run: () => unknown): boolean {
  try {
    run();
    return true;
  } catch (error) {
    if (isPythonClientError(error)) return true;
    throw error;
  }
}

export async function resolvesOrRejectsCleanly(run: () => Promise<unknown>): Promise<boolean> {
  try {
    await run();
    return true;
  } catch (error) {
    if (isPythonClientError(error)) return true;
    throw error;
  }
}
