import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, link, mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { BlobStore } from '../../core/storage/blob-store';
import { syncFd, syncPath, withFd, writeAll } from './fd-io';
import { checkedKey, isContentAddressed } from './storage-key';

/** Where writes are staged: inside the root, so the final rename never crosses filesystems. */
const STAGING = '.staging';

/**
 * Blobs as files under one directory, Pulp's own default storage. A put() resolves only once
 * the bytes and the directory entry naming them are on disk (written to a staging file,
 * fsynced, renamed or linked into place, directory fsynced), so whatever stops the process
 * afterwards (SIGKILL, a crash, a power cut) the object is there, whole, after a restart.
 * A reader never sees a partial object: it appears at its key by an atomic rename or link.
 * Several processes may share the directory.
 */
export class FsBlobStore implements BlobStore {
  /** Directories this process has made sure are durably linked into the tree. */
  private readonly durableDirs = new Set<string>();

  /**
   * @param root the storage directory (created on first write)
   * @param publicUrl where the local server serves a key (e.g. `http://host/artifacts/…`);
   *   presignGet adds the response headers to it as S3's response-* parameters do
   */
  constructor(
    private readonly root: string,
    private readonly publicUrl: (key: string) => string,
  ) {
    this.root = path.resolve(root);
  }

  async put(key: string, body: Buffer | Readable, _options: { contentType?: string; contentLength?: number } = {}): Promise<void> {
    const target = this.pathOf(key);
    const staged = await this.stage((stagedPath) =>
      withFd(stagedPath, 'wx', 0o644, async (fd) => {
        if (Buffer.isBuffer(body)) await writeAll(fd, body);
        // A failing body (a digest mismatch) rejects here, and nothing reaches the key.
        else for await (const chunk of body) await writeAll(fd, typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array));
        await syncFd(fd);
      }),
    );
    await this.publish(staged, key, target);
  }

  async copy(from: string, to: string, _size: number): Promise<void> {
    const source = this.pathOf(from);
    const target = this.pathOf(to);
    const staged = await this.stage(async (stagedPath) => {
      await copyFile(source, stagedPath, constants.COPYFILE_EXCL).catch((error: unknown) => {
        throw notFoundOr(error, from);
      });
      await syncPath(stagedPath);
    });
    await this.publish(staged, to, target);
  }

  async exists(key: string): Promise<boolean> {
    return (await this.size(key)) !== undefined;
  }

  async size(key: string): Promise<number | undefined> {
    try {
      return (await stat(this.pathOf(key))).size;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async get(key: string, range?: { start: number; end?: number }): Promise<Readable> {
    // Opened here, so a missing key rejects the call instead of failing the stream later.
    const file = await open(this.pathOf(key), 'r').catch((error: unknown) => {
      throw notFoundOr(error, key);
    });
    return file.createReadStream(range ? { start: range.start, ...(range.end !== undefined ? { end: range.end } : {}) } : {});
  }

  async delete(key: string): Promise<void> {
    const target = this.pathOf(key);
    try {
      await unlink(target);
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    await syncPath(path.dirname(target));
  }

  async presignGet(key: string, options: { expiresInSeconds: number; filename?: string; contentType?: string }): Promise<string> {
    const query = new URLSearchParams();
    if (options.filename) query.set('response-content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(options.filename)}`);
    if (options.contentType) query.set('response-content-type', options.contentType);
    const url = this.publicUrl(checkedKey(key));
    return query.size > 0 ? `${url}?${query}` : url;
  }

  /**
   * Removes staging files a killed process left behind; only old ones, since other processes
   * sharing the directory may be writing theirs right now. Returns how many.
   */
  removeLeftovers(olderThanMs: number): Promise<number> {
    return this.removeOlderFiles(path.join(this.root, STAGING), olderThanMs);
  }

  /**
   * Removes the objects under `prefix` (a folder of keys, e.g. `tmp/`) last written more than
   * `olderThanMs` ago, as the bucket's lifecycle rule expires them in AWS. Returns how many.
   */
  removeExpired(prefix: string, olderThanMs: number): Promise<number> {
    return this.removeOlderFiles(this.pathOf(prefix.replace(/\/+$/, '')), olderThanMs);
  }

  /** Files anywhere under `dir` last written more than `olderThanMs` ago, removed; how many. */
  private async removeOlderFiles(dir: string, olderThanMs: number): Promise<number> {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((error: unknown) => {
      if (isMissing(error)) return [];
      throw error;
    });
    let removed = 0;
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const file = path.join(entry.parentPath, entry.name);
      const info = await stat(file).catch(() => undefined);
      if (info && Date.now() - info.mtimeMs > olderThanMs) {
        await unlink(file).catch(ignoreMissing);
        removed++;
      }
    }
    return removed;
  }

  private pathOf(key: string): string {
    return path.join(this.root, ...checkedKey(key).split('/'));
  }

  /** A new staging file, filled and fsynced by `fill`; removed again if that fails. */
  private async stage(fill: (stagedPath: string) => Promise<void>): Promise<string> {
    const dir = path.join(this.root, STAGING);
    await this.ensureDirectory(dir);
    const stagedPath = path.join(dir, randomUUID());
    try {
      await fill(stagedPath);
      return stagedPath;
    } catch (error) {
      await unlink(stagedPath).catch(ignoreMissing);
      throw error;
    }
  }

  /**
   * Moves a synced staging file to its key. Content-addressed keys are linked, so an object
   * already there is never replaced (it holds the same bytes); other keys are renamed over.
   */
  private async publish(stagedPath: string, key: string, target: string): Promise<void> {
    try {
      await this.ensureDirectory(path.dirname(target));
      if (isContentAddressed(key)) {
        await link(stagedPath, target).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'EEXIST') throw error;
        });
      } else {
        await rename(stagedPath, target);
      }
      await syncPath(path.dirname(target));
    } finally {
      await unlink(stagedPath).catch(ignoreMissing);
    }
  }

  /**
   * mkdir -p, then each directory on the way made durable in its parent, once per process:
   * another process may have created one and died before syncing its parent.
   */
  private async ensureDirectory(dir: string): Promise<void> {
    if (this.durableDirs.has(dir)) return;
    await mkdir(dir, { recursive: true, mode: 0o755 });
    const unsynced: string[] = [];
    for (let d = dir; d.startsWith(this.root) && !this.durableDirs.has(d); d = path.dirname(d)) unsynced.unshift(d);
    for (const d of unsynced) {
      await syncPath(path.dirname(d));
      this.durableDirs.add(d);
    }
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

function ignoreMissing(error: unknown): void {
  if (!isMissing(error)) throw error;
}

/** S3's error name for a missing key, so callers need not know which store they have. */
function notFoundOr(error: unknown, key: string): unknown {
  if (!isMissing(error)) return error;
  const notFound = new Error(`No such key: ${key}`);
  notFound.name = 'NoSuchKey';
  return notFound;
}
