import type { ContentGuard } from '../core/access/content-guard';
import type { GuardVerdict } from '../core/access/guard-check';
import type { Logger } from '../core/logger';
import type { Artifact, ArtifactDigests } from '../core/models/artifact';
import type { Distribution } from '../core/models/distribution';
import type { Remote } from '../core/models/remote';
import type { DeliveryReader } from '../core/ports/delivery-reader';
import type { SigningMaterial } from '../core/signing/signing-material';
import type { BlobStore } from '../core/storage/blob-store';
import type { ContentResult } from './content-responses';
import type { MetadataBodyCache } from './metadata-body-cache';

/** How a distribution type serves a repository or a version: through a publication, or directly. */
export type ServeFrom = 'publication' | 'version';

/** What serving a distribution path needs: the read side, storage, on-demand writes and the plugins' hooks. */
export interface DeliveryContext {
  reader: DeliveryReader;
  blobs: BlobStore;
  config: { contentOrigin?: string; artifactUrlMode: 'cloudfront' | 'presign'; artifactUrlSeconds: number };
  /** The keys artifact URLs are signed with (CloudFront's format; the local /artifacts/ checks the same). */
  signing(): Promise<SigningMaterial>;
  /**
   * The content guard a distribution is protected by, if any. A port of its own so the read
   * side that resolves distributions (Postgres now, an index later) can carry it.
   */
  guardFor(distribution: Distribution): Promise<ContentGuard | undefined>;
  /** Pulp's ContentGuard.permit() for this request. */
  permits(guard: ContentGuard, req: ContentRequest): Promise<GuardVerdict>;
  logger: Logger;
  getRemote(id: string): Promise<Remote | undefined>;
  ensureArtifact(digests: ArtifactDigests): Promise<Artifact>;
  attachArtifact(contentArtifactId: string, artifactId: string): Promise<void>;
  markRemoteArtifactFailed(remoteArtifactId: string): Promise<void>;
  /** Published metadata bodies, immutable by storage key. */
  metadataBodies: MetadataBodyCache;
  /** How a distribution of this type serves what it points at. */
  serveFrom(distributionType: string): ServeFrom;
  /** A plugin's answer for a path the stored content does not hold (generated metadata, pull-through). */
  serveMissing(distribution: Distribution, relativePath: string, req: ContentRequest): Promise<ContentResult | undefined>;
}

export interface ContentRequest {
  head: boolean;
  /** Lower-case request headers. */
  headers: Record<string, string | undefined>;
  /** The path as requested (still percent-encoded) and the raw query string: preauthenticated URLs sign both. */
  rawPath?: string;
  rawQuery?: string;
  /** The client's address, for login throttling. */
  sourceIp?: string;
}
