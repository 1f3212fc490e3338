/**
 * What the sweeper reads before it touches Postgres: counts and marks that cost nothing to read
 * (queue attributes, a few DynamoDB items), so an idle deployment lets Aurora pause.
 */
export interface MaintenanceSignals {
  /** Task messages waiting or in flight, in the task queue and its DLQ. */
  queuedTaskMessages(): Promise<number>;
  /** Whether the content app left work for the workers (on-demand fetches, kept files). */
  contentWorkPending(): Promise<boolean>;
  /** When an API process last served a request (marked at most once a minute per process). */
  lastActivity(): Promise<number | undefined>;
  markActivity(at: number): Promise<void>;
  /** The last maintenance run that used Postgres, and when a task schedule next falls due. */
  lastFullRun(): Promise<FullRun | undefined>;
  recordFullRun(run: FullRun): Promise<void>;
}

export interface FullRun {
  /** ms since the epoch. */
  at: number;
  /** ms since the epoch; absent when no schedule is pending. */
  nextScheduleAt?: number;
}
