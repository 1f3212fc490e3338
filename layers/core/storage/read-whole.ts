import type { BlobStore } from './blob-store';

/** An object's bytes, whole (small objects: metadata, documents, a task's scratch). Rejects as get() does for a missing key. */
export async function readWhole(blobs: Pick<BlobStore, 'get'>, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await blobs.get(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
