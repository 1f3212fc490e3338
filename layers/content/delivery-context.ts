import type { Logger } from '../core/logger';
import type { Artifact, ArtifactDigests } from '../core/models/artifact';
import type { Distribution } from '../core/models/distribution';
import type { Remote } from '../core/models/remote';
import type { DeliveryReader } from '../core/ports/delivery-reader';
import type { BlobStore } from '../core/storage/blob-store';
import type { ContentResult } from './content-responses';
import type { MetadataBodyCache } from './metadata-body-cache';

/** What serving a distribution path needs: the read side, storage, on-demand writes and the plugins' hooks. */
export interface DeliveryContext {
  reader: DeliveryReader;
  blobs: BlobStore;
  config: { contentOrigin?: string; artifactUrlMode: 'cloudfront' | 'presign' };
  logger: Logger;
  getRemote(id: string): Promise<Remote | undefined>;
  ensureArtifact(digests: ArtifactDigests): Promise<Artifact>;
  attachArtifact(contentArtifactId: string, artifactId: string): Promise<void>;
  markRemoteArtifactFailed(remoteArtifactId: string): Promise<void>;
  /** Published metadata bodies, immutable by storage key. */
  metadataBodies: MetadataBodyCache;
  /** A plugin's answer for a path the stored content does not hold (generated metadata, pull-through). */
  serveMissing(distribution: Distribution, relativePath: string, req: ContentRequest): Promise<ContentResult | undefined>;
}

export interface ContentRequest {
  head: boolean;
  /** Lower-case request headers. */
  headers: Record<string, string | undefined>;
}
