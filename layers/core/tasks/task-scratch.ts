import { TEMPORARY_PREFIX, type BlobStore } from '../storage/blob-store';
import { readWhole } from '../storage/read-whole';

/** Where a task's scratch values live (the bucket expires `tmp/` after a day). */
const keyOf = (taskId: string, name: string): string => `${TEMPORARY_PREFIX}tasks/${taskId}/${name}.json`;

/**
 * Values a task keeps across its invocations that are too big for its checkpoint (a python
 * sync's plan of every file it chose): JSON objects in temporary storage under the task's id.
 */
export class TaskScratch {
  constructor(private readonly blobs: BlobStore) {}

  async save(task: { taskId: string }, name: string, value: unknown): Promise<void> {
    await this.blobs.put(keyOf(task.taskId, name), Buffer.from(JSON.stringify(value), 'utf8'), { contentType: 'application/json' });
  }

  /** What save() kept under `name` for this task, or undefined when nothing was. */
  async load<T>(task: { taskId: string }, name: string): Promise<T | undefined> {
    let bytes: Buffer;
    try {
      bytes = await readWhole(this.blobs, keyOf(task.taskId, name));
    } catch (error) {
      if ((error as Error).name === 'NoSuchKey') return undefined;
      throw error;
    }
    return JSON.parse(bytes.toString('utf8')) as T;
  }

  async remove(task: { taskId: string }, name: string): Promise<void> {
    await this.blobs.delete(keyOf(task.taskId, name));
  }
}
