import { createHash, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface RandomFile {
  path: string;
  size: number;
  sha256: string;
  data: Buffer;
}

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** Writes `size` random bytes to dir/name, so every run uploads content no other test has. */
export async function randomFile(dir: string, name: string, size: number): Promise<RandomFile> {
  const data = randomBytes(size);
  const path = join(dir, name);
  await writeFile(path, data);
  return { path, size, sha256: sha256(data), data };
}
