import type { Artifact, ArtifactDigests, DigestName } from '../models/artifact';
import type { Found, Ordering, Window } from '../models/page';

export interface ArtifactFilter {
  ids?: string[];
  digests?: Partial<Record<DigestName, string>>;
  ordering?: Ordering;
}

export interface ArtifactStore {
  /** Inserts, or returns the row with that sha256 (its orphan protection renewed). */
  ensure(digests: ArtifactDigests): Promise<Artifact>;
  /** ensure() for many in one statement: one row per distinct sha256, in no particular order. */
  ensureMany(digests: readonly ArtifactDigests[]): Promise<Artifact[]>;
  get(id: string): Promise<Artifact | undefined>;
  bySha256(sha256: string): Promise<Artifact | undefined>;
  /** Artifact ids of those of these sha256s that are recorded. */
  known(sha256s: string[]): Promise<Map<string, string>>;
  list(filter: ArtifactFilter, window: Window): Promise<Found<Artifact>>;
  isUsed(id: string): Promise<boolean>;
  delete(id: string): Promise<void>;
}
