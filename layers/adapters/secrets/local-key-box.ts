import { createHash } from 'node:crypto';
import { aesGcmOpen, aesGcmSeal } from '../../core/secrets/aes-gcm';
import { SEALED_PREFIX, type SecretBox } from '../../core/secrets/secret-box';

/** A 256-bit key and the id sealed values name it by. */
export interface LocalKey {
  id: string;
  key: Buffer;
}

/** A key's id: the first bytes of its digest, so an id never reveals the key. */
export function localKeyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/**
 * AES-256-GCM with keys held by the process (`npm start`, tests): `sealed:aes:<key id>:<iv>:<ct+tag>`.
 * The current key seals; older keys still open what they sealed until it is re-encrypted.
 */
export class LocalKeyBox implements SecretBox {
  private readonly byId: Map<string, Buffer>;

  constructor(
    private readonly current: LocalKey,
    older: readonly LocalKey[] = [],
  ) {
    this.byId = new Map([current, ...older].map((k) => [k.id, k.key]));
  }

  async seal(plaintext: string): Promise<string> {
    const { iv, body } = aesGcmSeal(this.current.key, plaintext);
    return `${SEALED_PREFIX}aes:${this.current.id}:${iv}:${body}`;
  }

  async open(sealed: string): Promise<string> {
    const [, scheme, id, iv, body] = sealed.split(':');
    const key = this.byId.get(id ?? '');
    if (scheme !== 'aes' || !key || !iv || !body) throw new Error(`Cannot open a secret sealed with key ${id ?? '?'}: the key is not configured`);
    return aesGcmOpen(key, iv, body);
  }

  isCurrent(value: string): boolean {
    return value.startsWith(`${SEALED_PREFIX}aes:${this.current.id}:`);
  }
}
