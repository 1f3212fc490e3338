import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { SigningKey, VerifyingKey } from './cloudfront-url';
import type { HmacKeyRing } from './hmac-keys';

/**
 * The deployment's signing keys, each with a verify-only previous during a rotation:
 * `redirect` signs content_redirect guards' URLs (HMAC); `artifacts` signs the artifact URLs
 * the content app redirects to (RSA, CloudFront's format; `verify` lists every public key
 * still trusted, the current one included).
 */
export interface SigningMaterial {
  redirect: HmacKeyRing;
  artifacts?: { current: SigningKey; verify: VerifyingKey[] };
}

/** Where an instance gets its keys; a rotation shows once the source is read again. */
export interface SigningSource {
  material(): Promise<SigningMaterial>;
}

/** The JSON form (a local file, a Secrets Manager secret). */
export interface SigningDocument {
  redirect: { current: string; previous?: string };
  artifacts?: { current: { keyPairId: string; privateKey: string }; verify: Array<{ keyPairId: string; publicKey: string }> };
}

export function parseSigningDocument(text: string): SigningMaterial {
  const doc = JSON.parse(text) as SigningDocument;
  if (!doc.redirect?.current) throw new Error('The signing document has no redirect.current key');
  const redirect: HmacKeyRing = { current: Buffer.from(doc.redirect.current, 'base64') };
  if (doc.redirect.previous) redirect.previous = Buffer.from(doc.redirect.previous, 'base64');
  const a = doc.artifacts;
  return {
    redirect,
    ...(a
      ? {
          artifacts: {
            current: { keyPairId: a.current.keyPairId, privateKeyPem: a.current.privateKey },
            verify: a.verify.map((k) => ({ keyPairId: k.keyPairId, publicKeyPem: k.publicKey })),
          },
        }
      : {}),
  };
}

/** Fresh keys (first `npm start`, tests): an HMAC secret and an RSA-2048 pair. */
export function generateSigningDocument(): SigningDocument {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const keyPairId = `LOCAL${createHash('sha256').update(publicKey).digest('hex').slice(0, 12).toUpperCase()}`;
  return {
    redirect: { current: randomBytes(32).toString('base64') },
    artifacts: { current: { keyPairId, privateKey }, verify: [{ keyPairId, publicKey }] },
  };
}

/** Keys fixed for the process (local runs and tests). */
export class StaticSigningSource implements SigningSource {
  private readonly parsed: SigningMaterial;

  constructor(doc: SigningDocument) {
    this.parsed = parseSigningDocument(JSON.stringify(doc));
  }

  async material(): Promise<SigningMaterial> {
    return this.parsed;
  }
}
