import type { ProgressReport, Task } from './task';
import type { TaskContext } from './task-context';
import type { TaskStore } from './task-store';

/** Progress is written at most this often, except when a report reaches a final state. */
const PROGRESS_INTERVAL_MS = 500;

export class RunningTaskContext implements TaskContext {
  private readonly reports = new Map<string, ProgressReport>();
  private lastWrite = 0;

  constructor(
    private readonly store: TaskStore,
    private readonly task: Task,
    private readonly remaining: () => number,
  ) {
    for (const report of task.progressReports) this.reports.set(report.code, report);
  }

  get taskId(): string {
    return this.task.id;
  }

  get loggingCid(): string {
    return this.task.loggingCid;
  }

  remainingTimeMs(): number {
    return this.remaining();
  }

  async progress(report: ProgressReport): Promise<void> {
    this.reports.set(report.code, report);
    const now = Date.now();
    if (report.state === 'running' && now - this.lastWrite < PROGRESS_INTERVAL_MS) return;
    this.lastWrite = now;
    await this.store.setProgress(this.task.id, [...this.reports.values()]);
  }

  async created(href: string): Promise<void> {
    await this.store.addCreatedResource(this.task.id, href);
  }

  async uncreated(href: string): Promise<void> {
    await this.store.removeCreatedResource(this.task.id, href);
  }

  /** Writes reports held back by the throttle. */
  async flush(): Promise<void> {
    if (this.reports.size) await this.store.setProgress(this.task.id, [...this.reports.values()]);
  }
}
