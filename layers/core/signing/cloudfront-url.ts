import { createSign, createVerify } from 'node:crypto';

/** An RSA key pair CloudFront knows by its public key id (a trusted key group member). */
export interface SigningKey {
  keyPairId: string;
  privateKeyPem: string;
}

export interface VerifyingKey {
  keyPairId: string;
  publicKeyPem: string;
}

/** CloudFront's URL-safe base64: + → -, = → _, / → ~. */
const urlSafe = (b64: string) => b64.replace(/\+/g, '-').replace(/=/g, '_').replace(/\//g, '~');
const fromUrlSafe = (s: string) => s.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/');

const cannedPolicy = (resource: string, expires: number) =>
  JSON.stringify({ Statement: [{ Resource: resource, Condition: { DateLessThan: { 'AWS:EpochTime': expires } } }] });

/**
 * A CloudFront signed URL with a canned policy: `?Expires=&Signature=&Key-Pair-Id=`. CloudFront
 * checks it at the edge against the behaviour's trusted key group; the local `/artifacts/`
 * stand-in checks the same signature with the same public keys.
 */
export function signUrl(url: string, key: SigningKey, expiresEpochSeconds: number): string {
  const signer = createSign('RSA-SHA1');
  signer.update(cannedPolicy(url, expiresEpochSeconds));
  const signature = urlSafe(signer.sign(key.privateKeyPem, 'base64'));
  const sep = url.includes('?') ? '&' : '?';
  return `${url}${sep}Expires=${expiresEpochSeconds}&Signature=${signature}&Key-Pair-Id=${encodeURIComponent(key.keyPairId)}`;
}

/** Why a signed URL is refused; undefined when it verifies and has not expired. */
export function signedUrlProblem(resource: string, rawQuery: string, keys: readonly VerifyingKey[], now = Date.now()): string | undefined {
  const q = new URLSearchParams(rawQuery);
  const expires = q.get('Expires');
  const signature = q.get('Signature');
  const keyPairId = q.get('Key-Pair-Id');
  if (!expires || !signature || !keyPairId || !/^\d+$/.test(expires)) return 'Missing Key';
  const key = keys.find((k) => k.keyPairId === keyPairId);
  if (!key) return 'Unknown Key';
  if (Math.floor(now / 1000) >= Number(expires)) return 'Access denied: expired';
  const verifier = createVerify('RSA-SHA1');
  verifier.update(cannedPolicy(resource, Number(expires)));
  // URLSearchParams turns "+" into " "; CloudFront's alphabet has no "+", so that cannot occur.
  return verifier.verify(key.publicKeyPem, fromUrlSafe(signature), 'base64') ? undefined : 'Access denied';
}
