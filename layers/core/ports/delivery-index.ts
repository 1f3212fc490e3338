import type { ContentGuard } from '../access/content-guard';
import type { Distribution } from '../models/distribution';
import type { PulledFile } from './pulled-file';
import type { Remote } from '../models/remote';
import type { PublishedFile, ServedSource } from './delivery-reader';

/** A file of a source as the index keeps it: what the content app serves, and when it appeared. */
export type IndexedFile = PublishedFile & { modified: string };

/**
 * The delivery index the content app reads instead of Postgres: a mutable map from base path
 * to what each distribution serves, and an immutable index of each served source's files. The
 * workers write it before a task that changes what is served completes; a reconciler repairs
 * drift.
 */
export interface DeliveryIndex {
  putDistribution(distribution: Distribution, source: ServedSource | null): Promise<void>;
  deleteDistribution(basePath: string): Promise<void>;
  /** Every indexed distribution (the reconciler compares them with Postgres). */
  distributions(): Promise<Array<{ distribution: Distribution; source: ServedSource | null }>>;
  /** Whether a source's files are completely written. */
  hasSource(source: ServedSource): Promise<boolean>;
  /** Writes a source's files (and its directory entries), then marks it complete. */
  writeSource(source: ServedSource, files: AsyncIterable<IndexedFile>): Promise<number>;
  /** Replaces one file of a source (an on-demand fetch gave it an artifact). */
  updateFile(source: ServedSource, file: IndexedFile): Promise<void>;
  /** The remotes on-demand files are fetched from, with what fetching needs. */
  putRemote(remote: Remote): Promise<void>;
  getRemote(id: string): Promise<Remote | undefined>;
  /** Content guards, as distributions name them (the content app checks them without Postgres). */
  putGuard(guard: ContentGuard): Promise<void>;
  getGuard(id: string): Promise<ContentGuard | undefined>;
  deleteGuard(id: string): Promise<void>;
  guards(): Promise<ContentGuard[]>;
  /** A file a plugin's content hook fetched and kept, for the workers to record (its plugin's recordPulled). */
  queuePulled(file: PulledFile): Promise<void>;
  pendingPulled(limit: number): Promise<PulledFile[]>;
  clearPulled(file: PulledFile): Promise<void>;
  /** An artifact the content app fetched on demand, for the workers to record in Postgres. */
  queueAttachment(attachment: FetchedArtifact): Promise<void>;
  pendingAttachments(limit: number): Promise<FetchedArtifact[]>;
  clearAttachment(contentArtifactId: string): Promise<void>;
}

/** A content artifact that now has its bytes in storage under `sha256`. */
export interface FetchedArtifact {
  contentArtifactId: string;
  sha256: string;
  size: number;
}
