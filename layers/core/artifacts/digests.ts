import { createHash } from 'node:crypto';
import type { ArtifactDigests } from '../models/artifact';

/** The digests Pulp computes by default (ALLOWED_CONTENT_CHECKSUMS: no md5, no sha1). */
const ALGORITHMS = ['sha224', 'sha256', 'sha384', 'sha512'] as const;

export interface ComputedDigests extends ArtifactDigests {
  sha224: string;
  sha384: string;
  sha512: string;
}

/** Hashes bytes fed in pieces; never holds the whole body. */
export class DigestAccumulator {
  private readonly hashes = ALGORITHMS.map((a) => createHash(a));
  private size = 0;

  update(chunk: Buffer): void {
    this.size += chunk.length;
    for (const h of this.hashes) h.update(chunk);
  }

  digest(): ComputedDigests {
    const [sha224, sha256, sha384, sha512] = this.hashes.map((h) => h.digest('hex')) as [string, string, string, string];
    return { size: this.size, sha224, sha256, sha384, sha512 };
  }
}

export function digestsOf(data: Buffer): ReturnType<DigestAccumulator['digest']> {
  const acc = new DigestAccumulator();
  acc.update(data);
  return acc.digest();
}

/** Thrown when a declared digest does not match the bytes; `field` names the digest. */
export class DigestMismatch extends Error {
  constructor(readonly field: string) {
    super(`The ${field} checksum did not match.`);
  }
}

/** Checks declared digests (any of md5…sha512, size) against computed ones. */
export function checkDigests(
  computed: ComputedDigests,
  declared: Partial<Record<string, string | number | null | undefined>>,
  data?: Buffer,
): void {
  for (const [field, want] of Object.entries(declared)) {
    if (want === undefined || want === null || want === '') continue;
    let have = (computed as unknown as Record<string, string | number | null | undefined>)[field] ?? undefined;
    // md5/sha1 are not stored, but a client may still declare them.
    if (have === undefined && data && (field === 'md5' || field === 'sha1')) have = createHash(field).update(data).digest('hex');
    if (have === undefined) continue;
    if (String(have).toLowerCase() !== String(want).toLowerCase()) throw new DigestMismatch(field);
  }
}
