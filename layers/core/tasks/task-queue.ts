/** Wakes a worker for a task. SQS in production; the message carries only the task id. */
export interface TaskQueue {
  /**
   * `wakeId` makes a distinct message for a repeated wake-up of the same task (dedup ids
   * live five minutes, so a plain task id would swallow a re-kick). `signal` abandons the send.
   */
  wake(task: { id: string; messageGroup: string }, wakeId?: string, options?: { signal?: AbortSignal }): Promise<void>;
  /**
   * Asks for a suspended task to be resumed. Its own message group, so it does not wait
   * behind the tasks queued on its resource (which would only find it holding the resource).
   */
  resume(task: { id: string; attempts: number }): Promise<void>;
}
