/** Why a migration run could not reach the database, when that is worth another attempt. */
export type RetryableFailure = 'auth' | 'unavailable';

/** Lambda reports these as the error type of the migrator's failure; the launcher retries them. */
export const RETRYABLE_ERROR_TYPES: Record<RetryableFailure, string> = {
  auth: 'DatabaseAuthFailed',
  unavailable: 'DatabaseUnavailable',
};

// SQLSTATE classes 28 (invalid authorization) and 57P03 / 08 (cannot connect now, connection failures).
const AUTH_CODES = /^28/;
const UNAVAILABLE_CODES = /^(57P03|08)/;
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGES = /timeout exceeded when trying to connect|Connection terminated/i;

/**
 * Sorts a failure to connect: a password that no longer matches (the master secret rotated
 * between read and use), or a cluster that is not there yet (resuming from a pause).
 */
export function classifyDatabaseError(error: unknown): RetryableFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (AUTH_CODES.test(code)) return 'auth';
    if (UNAVAILABLE_CODES.test(code) || UNAVAILABLE_NODE_CODES.has(code)) return 'unavailable';
  }
  return UNAVAILABLE_MESSAGES.test(error.message) ? 'unavailable' : undefined;
}

/** Re-throws a retryable failure under the error type the launcher recognises. */
export function asRetryable(error: unknown): unknown {
  const failure = classifyDatabaseError(error);
  if (failure === undefined) return error;
  const wrapped = new Error((error as Error).message, { cause: error });
  wrapped.name = RETRYABLE_ERROR_TYPES[failure];
  return wrapped;
}
