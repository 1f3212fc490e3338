import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { parseSigningDocument, type SigningMaterial, type SigningSource } from '../../core/signing/signing-material';

/** How long an instance keeps the keys before reading the secret again: a rotation shows within this. */
export const SIGNING_REFRESH_MS = 5 * 60_000;

/**
 * Signing keys from a Secrets Manager secret holding a SigningDocument. Re-read every few
 * minutes, so putting a new version of the secret rotates every instance without a deploy.
 */
export class SecretsManagerSigningSource implements SigningSource {
  private cached: { at: number; material: Promise<SigningMaterial> } | undefined;

  constructor(
    private readonly client: SecretsManagerClient,
    private readonly secretId: string,
    private readonly refreshMs = SIGNING_REFRESH_MS,
  ) {}

  material(): Promise<SigningMaterial> {
    if (this.cached && Date.now() - this.cached.at < this.refreshMs) return this.cached.material;
    const previous = this.cached?.material;
    const material = this.client
      .send(new GetSecretValueCommand({ SecretId: this.secretId }))
      .then((out) => parseSigningDocument(out.SecretString ?? ''))
      // A failed refresh keeps the keys already known rather than failing every request.
      .catch((err: unknown) => (previous ? previous : Promise.reject(err)));
    this.cached = { at: Date.now(), material };
    material.catch(() => {
      if (this.cached?.material === material) this.cached = undefined;
    });
    return material;
  }
}
