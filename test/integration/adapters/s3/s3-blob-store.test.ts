import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3BlobStore } from '../../../../layers/adapters/s3/s3-blob-store';
import { createTestAwsResources } from '../../../support/test-aws';
import { describeBlobStoreContract } from '../support/blob-store-contract';

describe('S3BlobStore on the emulator', () => {
  let s3: S3Client;
  let store: S3BlobStore;

  beforeAll(async () => {
    const aws = await createTestAwsResources('s3-blob-store');
    s3 = new S3Client(aws.clientConfig);
    store = new S3BlobStore(s3, aws.bucket);
  });

  afterAll(() => s3?.destroy());

  describeBlobStoreContract('S3BlobStore', () => store);

  it('serves a presigned URL with the bytes', async () => {
    // Prepare
    const key = 'publications/p1/PULP_MANIFEST';
    await store.put(key, Buffer.from('a,b,1\n'));
    // Act
    const res = await fetch(await store.presignGet(key, { expiresInSeconds: 60, contentType: 'text/plain' }));
    // Assess
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('a,b,1\n');
  });
});
