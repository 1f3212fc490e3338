import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { awsClientConfig, ensureAwsResources, type AwsResources, type LocalAwsClientConfig } from '../../local/aws-resources';

export interface TestAwsResources extends AwsResources {
  endpoint: string;
  region: string;
  bucket: string;
  taskQueueName: string;
  downloadQueueName: string;
  deliveryTable: string;
  /** Settings for S3Client/SQSClient against the shared moto. */
  clientConfig: LocalAwsClientConfig;
}

const REGION = 'us-east-1';

/**
 * A bucket and queues of this test file's own on the run's shared moto server. Names are
 * unique, so files can run in parallel; moto is never reset mid-run for the same reason.
 */
export async function createTestAwsResources(
  prefix: string,
  options: { visibilityTimeoutSeconds?: number; maxReceiveCount?: number } = {},
): Promise<TestAwsResources> {
  const endpoint = inject('awsEndpoint');
  // Bucket names allow [a-z0-9-] up to 63 characters; queue names up to 80 with .fifo.
  const base = prefix.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 30) || 'test';
  const unique = `${base}-${randomBytes(5).toString('hex')}`;
  const names = {
    bucket: `${unique}-content`,
    taskQueueName: `${unique}-tasks.fifo`,
    downloadQueueName: `${unique}-downloads`,
    deliveryTable: `${unique}-delivery`,
  };
  const resources = await ensureAwsResources({ endpoint, region: REGION, ...names, ...options });
  return { ...resources, ...names, endpoint, region: REGION, clientConfig: awsClientConfig(endpoint, REGION) };
}
