/**
 * Records what a task created, inside the transaction that created it: a worker killed right
 * after a commit cannot leave a change that no task names.
 */
export interface TaskResourceStore {
  addCreated(taskId: string, href: string, prn: string | null): Promise<void>;
}
