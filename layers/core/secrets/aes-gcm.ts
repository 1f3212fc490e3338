import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** AES-256-GCM: base64 iv and base64 ciphertext with its 16-byte tag appended. */
export function aesGcmSeal(key: Buffer, plaintext: string): { iv: string; body: string } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { iv: iv.toString('base64'), body: body.toString('base64') };
}

/** Throws when the key is wrong or the value was tampered with. */
export function aesGcmOpen(key: Buffer, iv: string, body: string): string {
  const data = Buffer.from(body, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  decipher.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
}
