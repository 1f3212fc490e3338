import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';

/**
 * moto keeps S3 in memory, so the embedded default copies the bucket to the data folder when
 * it stops and back when it starts: Postgres rows and the artifacts they name survive a
 * restart together. Keys are content-addressed, so only new objects are copied each time.
 */
const CONCURRENCY = 8;

async function pool<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, lane));
}

async function listFiles(dir: string, prefix = ''): Promise<Map<string, number>> {
  const files = new Map<string, number>();
  const entries = await readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    // No snapshot yet (first start): nothing to list. Anything else is a real failure.
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  for (const entry of entries) {
    const key = `${prefix}${entry.name}`;
    if (entry.isDirectory()) for (const [k, v] of await listFiles(path.join(dir, entry.name), `${key}/`)) files.set(k, v);
    else files.set(key, (await stat(path.join(dir, entry.name))).size);
  }
  return files;
}

async function listObjects(s3: S3Client, bucket: string): Promise<Map<string, number>> {
  const objects = new Map<string, number>();
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const o of page.Contents ?? []) objects.set(o.Key!, o.Size ?? 0);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return objects;
}

/** Uploads every file of `dir` into the (empty, fresh) bucket; returns how many. */
export async function restoreBucket(s3: S3Client, bucket: string, dir: string): Promise<number> {
  const files = [...(await listFiles(dir)).keys()];
  await pool(files, async (key) => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: await readFile(path.join(dir, key)) }));
  });
  return files.length;
}

/** Brings `dir` up to date with the bucket: new objects copied, deleted ones removed. */
export async function snapshotBucket(s3: S3Client, bucket: string, dir: string): Promise<{ copied: number; removed: number }> {
  const [objects, files] = await Promise.all([listObjects(s3, bucket), listFiles(dir)]);
  const toCopy = [...objects].filter(([key, size]) => files.get(key) !== size).map(([key]) => key);
  const toRemove = [...files.keys()].filter((key) => !objects.has(key));
  await pool(toCopy, async (key) => {
    const target = path.join(dir, key);
    await mkdir(path.dirname(target), { recursive: true });
    const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    await pipeline(out.Body as Readable, createWriteStream(target));
  });
  await pool(toRemove, (key) => rm(path.join(dir, key), { force: true }));
  return { copied: toCopy.length, removed: toRemove.length };
}
