import { createHash } from 'node:crypto';
import { DecryptCommand, GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { aesGcmOpen, aesGcmSeal } from '../../core/secrets/aes-gcm';
import { SEALED_PREFIX, type SecretBox } from '../../core/secrets/secret-box';

/** A data key is reused for this long, so sealing costs one KMS call per instance per period. */
const DATA_KEY_MS = 15 * 60_000;
/** Opened data keys kept, by their encrypted form. */
const OPENED_KEYS = 100;

const tag = (keyId: string) => createHash('sha256').update(keyId).digest('hex').slice(0, 16);

/**
 * KMS envelope encryption: a data key from GenerateDataKey seals with AES-256-GCM, and its
 * KMS-encrypted form travels with the value: `sealed:kms:<key tag>:<encrypted data key>:<iv>:<ct+tag>`.
 * Opening asks KMS to decrypt the data key (remembered); moving to a new KMS key re-encrypts
 * under it, and KMS still decrypts what the old key sealed.
 */
export class KmsEnvelopeBox implements SecretBox {
  private dataKey: { plain: Buffer; encrypted: string; at: number } | undefined;
  private readonly opened = new Map<string, Promise<Buffer>>();
  private readonly keyTag: string;

  constructor(
    private readonly kms: KMSClient,
    private readonly keyId: string,
  ) {
    this.keyTag = tag(keyId);
  }

  private async currentDataKey(): Promise<{ plain: Buffer; encrypted: string }> {
    if (this.dataKey && Date.now() - this.dataKey.at < DATA_KEY_MS) return this.dataKey;
    const out = await this.kms.send(new GenerateDataKeyCommand({ KeyId: this.keyId, KeySpec: 'AES_256' }));
    this.dataKey = { plain: Buffer.from(out.Plaintext!), encrypted: Buffer.from(out.CiphertextBlob!).toString('base64'), at: Date.now() };
    return this.dataKey;
  }

  async seal(plaintext: string): Promise<string> {
    const key = await this.currentDataKey();
    const { iv, body } = aesGcmSeal(key.plain, plaintext);
    return `${SEALED_PREFIX}kms:${this.keyTag}:${key.encrypted}:${iv}:${body}`;
  }

  async open(sealed: string): Promise<string> {
    const [, scheme, , encrypted, iv, body] = sealed.split(':');
    if (scheme !== 'kms' || !encrypted || !iv || !body) throw new Error('Not a KMS-sealed value');
    let key = this.opened.get(encrypted);
    if (!key) {
      key = this.kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from(encrypted, 'base64') })).then((o) => Buffer.from(o.Plaintext!));
      key.catch(() => this.opened.delete(encrypted!));
      if (this.opened.size >= OPENED_KEYS) this.opened.delete(this.opened.keys().next().value!);
      this.opened.set(encrypted, key);
    }
    return aesGcmOpen(await key, iv, body);
  }

  isCurrent(value: string): boolean {
    return value.startsWith(`${SEALED_PREFIX}kms:${this.keyTag}:`);
  }
}
