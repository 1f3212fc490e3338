import type { SweepOptions } from '../../layers/core/tasks/task-sweeper';

/** Sweep settings derived from Pulp's WORKER_TTL, shared by the Lambda and the local timer. */
export function sweepOptions(workerTtlSeconds: number): SweepOptions {
  return {
    deadlineGraceSeconds: 60,
    leaseSeconds: workerTtlSeconds,
    // Two renewal periods (one every third of the lease): a live invocation renews in one.
    leaseConfirmSeconds: (workerTtlSeconds * 2) / 3,
    staleSeconds: Math.max(60, workerTtlSeconds * 2),
    forgetWorkersAfterSeconds: Math.max(600, workerTtlSeconds * 20),
  };
}
