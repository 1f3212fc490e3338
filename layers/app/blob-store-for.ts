import type { S3Client } from '@aws-sdk/client-s3';
import { FsBlobStore } from '../adapters/fs/fs-blob-store';
import { S3BlobStore } from '../adapters/s3/s3-blob-store';
import type { BlobStore } from '../core/storage/blob-store';
import type { Config } from './config';

/**
 * The one place the storage backend is chosen. The fs store's objects are served by the
 * local server at the same paths as the bucket's keys (`/artifacts/…` as behind CloudFront).
 */
export function blobStoreFor(config: Config, s3: S3Client): BlobStore {
  if (config.storage.backend === 's3') return new S3BlobStore(s3, config.contentBucket);
  const origin = config.contentOrigin ?? '';
  return new FsBlobStore(config.storage.dir, (key) => `${origin}/${key.split('/').map(encodeURIComponent).join('/')}`);
}
