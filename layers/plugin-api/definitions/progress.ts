import type { ProgressReport } from '../../core/tasks/task';

/** A progress report as Pulp shows it (no suffix): `code` names the step, `message` says it. */
export function progressReport(code: string, message: string, state: ProgressReport['state'], done: number, total: number | null): ProgressReport {
  return { code, message, state, done, total, suffix: null };
}
