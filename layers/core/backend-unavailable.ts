/**
 * A backing service (the database) did not answer in time or refused the connection. Raised
 * by the adapters, so the API can answer 503 with Retry-After and the task runner can retry,
 * instead of treating a stall as a bug.
 */
export class BackendUnavailable extends Error {
  constructor(
    readonly service: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${service} is unavailable: ${reason}`, options);
    this.name = 'BackendUnavailable';
  }
}
