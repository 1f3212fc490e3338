/**
 * Time a worker invocation keeps for recording a task's outcome after the task returns: a
 * tenth of the timeout, at most 15 s. Tasks checkpoint before it; the duration alarm sits past it.
 */
export function safetyMarginMs(timeoutSeconds: number): number {
  return Math.min(15_000, timeoutSeconds * 100);
}
