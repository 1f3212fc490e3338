import type { ObjectScope } from '../access/route-access';
import type { Found, Window } from '../models/page';
import type { Upload, UploadChunk } from '../models/upload';

export interface UploadStore {
  insert(id: string, size: number): Promise<Upload>;
  get(id: string): Promise<Upload | undefined>;
  list(window: Window, scope?: ObjectScope): Promise<Found<Upload>>;
  /** Records a chunk (replacing one at the same offset) and returns the old key if any. */
  putChunk(id: string, chunk: UploadChunk): Promise<string | undefined>;
  chunkKeys(id: string): Promise<UploadChunk[]>;
  markCompleted(id: string): Promise<void>;
  delete(id: string): Promise<void>;
}
