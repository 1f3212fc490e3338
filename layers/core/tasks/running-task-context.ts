import { objectCreated } from '../access/principal';
import type { DispatchRequest } from './task-creator';
import type { ProgressReport, Task } from './task';
import type { TaskContext } from './task-context';
import { TaskCanceled, TaskSuspended } from './task-signals';
import type { TaskStore } from './task-store';

/** Progress is written, and a cancel noticed, at most this often (final states always write). */
const WRITE_INTERVAL_MS = 500;

export class RunningTaskContext implements TaskContext {
  private readonly reports = new Map<string, ProgressReport>();
  private lastWrite = 0;
  private lastCancelCheck = 0;

  constructor(
    private readonly store: TaskStore,
    private readonly task: Task,
    private readonly remaining: () => number,
    private readonly dispatch: (request: DispatchRequest) => Promise<Task>,
    /** Aborted on cancel, at the deadline, or when the task was finished elsewhere. */
    private readonly signal?: AbortSignal,
  ) {
    for (const report of task.progressReports) this.reports.set(report.code, report);
  }

  get taskId(): string {
    return this.task.id;
  }

  get loggingCid(): string {
    return this.task.loggingCid;
  }

  get checkpoint(): unknown {
    return this.task.checkpoint ?? undefined;
  }

  remainingTimeMs(): number {
    return this.remaining();
  }

  async progress(report: ProgressReport): Promise<void> {
    this.reports.set(report.code, report);
    const now = Date.now();
    if (report.state === 'running' && now - this.lastWrite < WRITE_INTERVAL_MS) return;
    this.lastWrite = now;
    this.lastCancelCheck = now;
    const state = await this.store.setProgress(this.task.id, [...this.reports.values()]);
    if (state === 'canceling') throw new TaskCanceled();
  }

  async throwIfCanceled(): Promise<void> {
    // The lease already saw the cancel (or the deadline passed): no need to ask again.
    if (this.signal?.aborted) throw this.signal.reason instanceof Error ? this.signal.reason : new TaskCanceled();
    const now = Date.now();
    if (now - this.lastCancelCheck < WRITE_INTERVAL_MS) return;
    this.lastCancelCheck = now;
    const current = await this.store.get(this.task.id);
    if (current?.state === 'canceling') throw new TaskCanceled();
  }

  continueLater(state: unknown): never {
    throw new TaskSuspended(state);
  }

  dispatchChild(request: Omit<DispatchRequest, 'parentTaskId'>): Promise<Task> {
    return this.dispatch({ loggingCid: this.task.loggingCid, ...request, parentTaskId: this.task.id });
  }

  async created(href: string, prn?: string): Promise<void> {
    await this.store.addCreatedResource(this.task.id, href, prn ?? null);
    // Creation hooks (the dispatching user becomes owner of what the task made).
    if (prn) await objectCreated(prn);
  }

  async uncreated(href: string): Promise<void> {
    await this.store.removeCreatedResource(this.task.id, href);
  }

  /** Writes reports held back by the throttle. */
  async flush(): Promise<void> {
    if (this.reports.size) await this.store.setProgress(this.task.id, [...this.reports.values()]);
  }
}
