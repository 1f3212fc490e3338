import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../../../layers/adapters/fs/fs-blob-store';
import { artifactKey } from '../../../../layers/core/storage/blob-store';
import { describeBlobStoreContract, readAll } from '../support/blob-store-contract';

const WRITER = new URL('./fixtures/blob-writer.ts', import.meta.url).pathname;
const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** Every file under `dir` (relative paths), staging area included. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe('FsBlobStore', () => {
  let root: string;
  let store: FsBlobStore;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'fs-blob-store-'));
    store = new FsBlobStore(root, (key) => `http://127.0.0.1:1/${key}`);
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  describeBlobStoreContract('FsBlobStore', () => store);

  it('keeps the first object under a content-addressed key; other keys are replaced', async () => {
    // Prepare
    const first = randomBytes(100);
    const key = artifactKey(sha256(first));
    await store.put(key, first);
    await store.put('uploads/u1/0', Buffer.from('old'));
    // Act
    await store.put(key, randomBytes(100));
    await store.put('uploads/u1/0', Buffer.from('new'));
    // Assess
    expect((await readAll(await store.get(key))).equals(first)).toBe(true);
    expect((await readAll(await store.get('uploads/u1/0'))).toString()).toBe('new');
  });

  it('stores the same content-addressed object written by two callers at once', async () => {
    // Prepare
    const data = randomBytes(50_000);
    const key = artifactKey(sha256(data));
    // Act
    await Promise.all([store.put(key, data), store.put(key, Buffer.from(data))]);
    // Assess
    expect(sha256(await readAll(await store.get(key)))).toBe(sha256(data));
  });

  it.each(['../outside', '/absolute', 'a//b', 'a/./b', 'a/../b', '.staging/x', 'a\\b', 'a\0b', ''])(
    'refuses the key %j',
    async (key) => {
      // Act
      const put = store.put(key, Buffer.from('x'));
      // Assess
      await expect(put).rejects.toThrow(/Invalid storage key/);
    },
  );

  it('removes only staging files old enough to belong to no running write', async () => {
    // Prepare
    const staging = path.join(root, '.staging');
    await mkdir(staging, { recursive: true });
    await writeFile(path.join(staging, 'old'), 'x');
    await writeFile(path.join(staging, 'new'), 'x');
    const anHourAgo = new Date(Date.now() - 3600_000 - 1000);
    await utimes(path.join(staging, 'old'), anHourAgo, anHourAgo);
    // Act
    const removed = await store.removeLeftovers(3600_000);
    // Assess
    expect(removed).toBe(1);
    expect(await readdir(staging)).toEqual(['new']);
  });

  it('expires objects under a prefix once older than asked, as the bucket’s lifecycle rule does, and nothing else', async () => {
    // Prepare
    const aDayAgo = new Date(Date.now() - 86_400_000 - 1000);
    await store.put('tmp/fetched/t1/old', Buffer.from('x'));
    await store.put('tmp/tasks/t2/new.json', Buffer.from('{}'));
    await store.put('uploads/u9/0', Buffer.from('kept'));
    await utimes(path.join(root, 'tmp/fetched/t1/old'), aDayAgo, aDayAgo);
    await utimes(path.join(root, 'uploads/u9/0'), aDayAgo, aDayAgo);
    // Act
    const removed = await store.removeExpired('tmp/', 86_400_000);
    // Assess
    expect(removed).toBe(1);
    expect(await store.exists('tmp/fetched/t1/old')).toBe(false);
    expect(await store.exists('tmp/tasks/t2/new.json')).toBe(true);
    expect(await store.exists('uploads/u9/0')).toBe(true);
  });

  it.each(['stream', 'buffer'])('has every object whose put() resolved, whole, after the writing process is SIGKILLed mid-write (%s bodies)', async (mode) => {
    // Prepare
    const dir = await mkdtemp(path.join(os.tmpdir(), 'fs-blob-kill-'));
    const writer = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
    const reported = new Map<string, string>();
    let buffered = '';
    // Act: kill it while it writes, after some puts have resolved
    await new Promise<void>((resolve, reject) => {
      writer.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        for (const line of lines) {
          const [, key, digest] = line.split(' ');
          reported.set(key!, digest!);
        }
        if (reported.size >= 15) resolve();
      });
      writer.once('exit', (code) => reject(new Error(`writer exited early (${code})`)));
    });
    writer.kill('SIGKILL');
    await new Promise((resolve) => writer.once('exit', resolve));
    // Assess: every reported object is there with its digest; nothing partial under a key
    const after = new FsBlobStore(dir, (key) => key);
    for (const [key, digest] of reported) expect(sha256(await readAll(await after.get(key)))).toBe(digest);
    const objects = (await filesUnder(dir)).filter((file) => !file.startsWith('.staging'));
    for (const file of objects) expect(sha256(await readFile(path.join(dir, file)))).toBe(path.basename(file));
    expect(objects.length).toBeGreaterThanOrEqual(reported.size);
    await rm(dir, { recursive: true, force: true });
  });
});
