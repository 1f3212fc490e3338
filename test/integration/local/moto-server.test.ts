import { CreateBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { awsClientConfig } from '../../../local/aws-resources';
import { startMoto, type MotoServer } from '../../../local/moto-server';

describe('startMoto', () => {
  let moto: MotoServer | undefined;
  const originalPath = process.env.PATH;

  afterEach(async () => {
    process.env.PATH = originalPath;
    await moto?.stop();
    moto = undefined;
  });

  it('serves S3 until reset empties it, and stops listening on stop', async () => {
    // Prepare
    moto = await startMoto({ venvDir: '/tmp/wt-local-no-venv-needed' });
    const s3 = new S3Client(awsClientConfig(moto.endpoint, 'us-east-1'));
    await s3.send(new CreateBucketCommand({ Bucket: 'before-reset' }));
    const before = await s3.send(new ListBucketsCommand({}));

    // Act
    await moto.reset();
    const after = await s3.send(new ListBucketsCommand({}));
    await moto.stop();
    const endpoint = moto.endpoint;
    moto = undefined;

    // Assess
    expect(before.Buckets?.map((bucket) => bucket.Name)).toEqual(['before-reset']);
    expect(after.Buckets ?? []).toEqual([]);
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect(fetch(`${endpoint}/moto-api/`)).rejects.toThrow();
    s3.destroy();
  });

  it('says to install python3 or set AWS_ENDPOINT_URL when python3 is missing', async () => {
    // Prepare: this file runs in its own worker, so PATH is ours to change
    process.env.PATH = '/nonexistent';

    // Act
    const attempt = startMoto({ venvDir: '/tmp/wt-local-no-venv-here' });

    // Assess
    await expect(attempt).rejects.toThrow(/install python3.*AWS_ENDPOINT_URL/s);
  });
});
