import type { Config } from '../../../app/config';
import type { Logger } from '../../../core/logger';
import type { BlobStore } from '../../../core/storage/blob-store';
import type { DeliveryReader } from '../delivery/delivery-reader';
import type { Artifact, ArtifactDigests } from '../model';
import type { Remote } from '../remotes/remote';
import type { MetadataBodyCache } from './metadata-body-cache';

/** What serving a distribution path needs: the read side, storage, and on-demand writes. */
export interface DeliveryContext {
  reader: DeliveryReader;
  blobs: BlobStore;
  config: Pick<Config, 'contentOrigin' | 'artifactUrlMode'>;
  logger: Logger;
  getRemote(id: string): Promise<Remote | undefined>;
  ensureArtifact(digests: ArtifactDigests): Promise<Artifact>;
  /** Published metadata bodies, immutable by storage key. */
  metadataBodies: MetadataBodyCache;
}

export interface ContentRequest {
  head: boolean;
  /** Lower-case request headers. */
  headers: Record<string, string | undefined>;
}
