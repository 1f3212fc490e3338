import { S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../../../layers/adapters/fs/fs-blob-store';
import { S3BlobStore } from '../../../../layers/adapters/s3/s3-blob-store';
import type { BlobStore } from '../../../../layers/core/storage/blob-store';
import { TaskScratch } from '../../../../layers/core/tasks/task-scratch';
import { createTestAwsResources } from '../../../support/test-aws';

describe.each([
  {
    store: 'a folder',
    open: async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'task-scratch-'));
      return { blobs: new FsBlobStore(dir, (key) => key) as BlobStore, close: () => rm(dir, { recursive: true, force: true }) };
    },
  },
  {
    store: 'the emulator’s bucket',
    open: async () => {
      const aws = await createTestAwsResources('task-scratch');
      const s3 = new S3Client(aws.clientConfig);
      return { blobs: new S3BlobStore(s3, aws.bucket) as BlobStore, close: async () => s3.destroy() };
    },
  },
])('TaskScratch in $store', ({ open }) => {
  let scratch: TaskScratch;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const opened = await open();
    scratch = new TaskScratch(opened.blobs);
    close = opened.close;
  });

  afterAll(async () => {
    await close?.();
  });

  it('gives back what a task saved, to that task only, until it is removed', async () => {
    // Prepare
    const plan = [{ file: { filename: 'a-1.0.tar.gz', size: null }, upstream: { url: 'https://x/a-1.0.tar.gz' } }];
    await scratch.save({ taskId: 't1' }, 'plan', plan);

    // Act
    const mine = await scratch.load({ taskId: 't1' }, 'plan');
    const others = await scratch.load({ taskId: 't2' }, 'plan');
    await scratch.remove({ taskId: 't1' }, 'plan');
    const afterRemove = await scratch.load({ taskId: 't1' }, 'plan');

    // Assess
    expect(mine).toEqual(plan);
    expect(others).toBeUndefined();
    expect(afterRemove).toBeUndefined();
  });
});
