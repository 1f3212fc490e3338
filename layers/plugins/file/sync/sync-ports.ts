import type { BlobStore } from '../../../core/storage/blob-store';
import type { Logger } from '../../../core/logger';
import type { Artifact, ArtifactDigests, FileContent, Publication, Repository, RepositoryVersion } from '../model';
import type { NewFileContent, NewRemoteArtifact } from '../ports';
import type { Remote } from '../remotes/remote';

/** What a sync needs from the rest of the file plugin, narrowed to the calls it makes. */
export interface SyncPorts {
  blobs: BlobStore;
  logger: Logger;
  getRepository(id: string): Promise<Repository | undefined>;
  getRemote(id: string): Promise<Remote | undefined>;
  /** Artifact ids of those of these sha256s that are already stored. */
  knownArtifacts(sha256s: string[]): Promise<Map<string, string>>;
  /** Records an artifact whose bytes are already in the blob store. */
  ensureArtifact(digests: ArtifactDigests): Promise<Artifact>;
  /** Insert-or-get content units (relative_path, sha256); attaches the given artifacts. */
  ensureFileContents(units: NewFileContent[]): Promise<FileContent[]>;
  addRemoteArtifacts(items: NewRemoteArtifact[]): Promise<void>;
  /** One new version, transactionally; null when nothing changed. Autopublishes if the repository says so. */
  createVersion(repositoryId: string, change: { add: string[]; mirror: boolean }): Promise<RepositoryVersion | null>;
  publish(versionId: string, manifest: string | null): Promise<Publication>;
  setLastSyncDetails(repositoryId: string, details: Record<string, unknown>): Promise<void>;
}
