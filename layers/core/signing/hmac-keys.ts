import { createHmac, timingSafeEqual } from 'node:crypto';

/** A secret that signs, and during a rotation a previous one that still verifies. */
export interface HmacKeyRing {
  current: Buffer;
  previous?: Buffer;
}

export function hmac(key: Buffer, ...parts: Array<string | Buffer>): Buffer {
  const mac = createHmac('sha256', key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/** True when `digest` is the MAC of `parts` under the current key or the verify-only previous one. */
export function verifiesWith(ring: HmacKeyRing, digest: Buffer, derive: (key: Buffer) => Buffer): boolean {
  for (const key of [ring.current, ring.previous]) {
    if (!key) continue;
    const expected = derive(key);
    if (expected.length === digest.length && timingSafeEqual(expected, digest)) return true;
  }
  return false;
}
