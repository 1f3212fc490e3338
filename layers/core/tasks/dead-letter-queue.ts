/** A task message that failed too often and was moved to the dead-letter queue. */
export interface DeadLetter {
  /** Undefined when the body is not a task message at all. */
  taskId: string | undefined;
  /** What removing it takes (an SQS receipt handle). */
  receipt: string;
}

/** The task queue's dead-letter queue, as the sweeper drains it. */
export interface DeadLetterQueue {
  /** Up to `max` letters, without waiting for more. */
  receive(max: number): Promise<DeadLetter[]>;
  remove(letters: DeadLetter[]): Promise<void>;
}
