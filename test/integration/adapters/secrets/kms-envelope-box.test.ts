import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { awsClientConfig } from '../../../../layers/adapters/aws-client-config';
import { KmsEnvelopeBox } from '../../../../layers/adapters/secrets/kms-envelope-box';

/** The AWS form of secrets at rest, against the run's KMS emulator. */
describe('KmsEnvelopeBox', () => {
  let kms: KMSClient;
  let first: string;
  let second: string;

  beforeAll(async () => {
    kms = new KMSClient(awsClientConfig('us-east-1', inject('awsEndpoint')));
    first = (await kms.send(new CreateKeyCommand({ Description: 'pulp secrets test 1' }))).KeyMetadata!.KeyId!;
    second = (await kms.send(new CreateKeyCommand({ Description: 'pulp secrets test 2' }))).KeyMetadata!.KeyId!;
  });

  afterAll(() => kms?.destroy());

  it('seals without the plaintext in the value and opens it again', async () => {
    const box = new KmsEnvelopeBox(kms, first);
    const sealed = await box.seal('hunter2-envelope');
    expect(sealed).toMatch(/^sealed:kms:/);
    expect(sealed).not.toContain('hunter2');
    expect(await box.open(sealed)).toBe('hunter2-envelope');
    expect(box.isCurrent(sealed)).toBe(true);
  });

  it('after a move to another KMS key, opens what the old key sealed and reseals it under the new one', async () => {
    // Prepare
    const old = await new KmsEnvelopeBox(kms, first).seal('moved-secret');
    const box = new KmsEnvelopeBox(kms, second);

    // Act
    const stale = !box.isCurrent(old);
    const resealed = await box.seal(await box.open(old));

    // Assess
    expect(stale).toBe(true);
    expect(box.isCurrent(resealed)).toBe(true);
    expect(await new KmsEnvelopeBox(kms, second).open(resealed)).toBe('moved-secret');
  });
});
