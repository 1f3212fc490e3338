/** A stored file, named by its sha256 (timestamps: ISO-8601 with µs and Z, as Pulp shows them). */
export interface Artifact {
  id: string;
  size: number;
  sha256: string;
  md5: string | null;
  sha1: string | null;
  sha224: string | null;
  sha384: string | null;
  sha512: string | null;
  pulpCreated: string;
  pulpLastUpdated: string;
}

/** Digests a caller knows; sha256 and size are what make an artifact. */
export interface ArtifactDigests {
  sha256: string;
  size: number;
  md5?: string | null;
  sha1?: string | null;
  sha224?: string | null;
  sha384?: string | null;
  sha512?: string | null;
}

export const DIGEST_NAMES = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'] as const;
export type DigestName = (typeof DIGEST_NAMES)[number];
