import fs from 'node:fs';
import { promisify } from 'node:util';

// Plain descriptors through the callback API: fs/promises' FileHandle registers a destroy hook
// and extra promises per call, which a sync storing thousands of small files pays many times.
const openFd = promisify(fs.open);
const closeFd = promisify(fs.close);
const fsyncFd = promisify(fs.fsync);
const writeFd = (fd: number, data: Uint8Array, offset: number, length: number): Promise<number> =>
  new Promise((resolve, reject) => fs.write(fd, data, offset, length, null, (error, written) => (error ? reject(error) : resolve(written))));

/** Opens `file` with `flags`, runs `use` on the descriptor, and closes it whatever happens. */
export async function withFd<T>(file: string, flags: string, mode: number | undefined, use: (fd: number) => Promise<T>): Promise<T> {
  const fd = await openFd(file, flags, mode);
  try {
    return await use(fd);
  } finally {
    await closeFd(fd);
  }
}

/** Writes all of `data` (write(2) may take less than asked). */
export async function writeAll(fd: number, data: Uint8Array): Promise<void> {
  for (let offset = 0; offset < data.length; ) offset += await writeFd(fd, data, offset, data.length - offset);
}

export const syncFd = (fd: number): Promise<void> => fsyncFd(fd);

/** fsync of a file or a directory (a directory's fsync makes its entries durable). */
export function syncPath(target: string): Promise<void> {
  return withFd(target, 'r', undefined, syncFd);
}
