import type { ContentGuard } from '../core/access/content-guard';
import type { GuardVerdict } from '../core/access/guard-check';
import type { Logger } from '../core/logger';
import type { Distribution } from '../core/models/distribution';
import type { Remote } from '../core/models/remote';
import type { DeliveryReader, PublishedFile, ServedSource } from '../core/ports/delivery-reader';
import type { SigningMaterial } from '../core/signing/signing-material';
import type { BlobStore } from '../core/storage/blob-store';
import type { ContentResult } from './content-responses';
import type { MetadataBodyCache } from './metadata-body-cache';

/**
 * What serving a distribution path needs: the read side, storage, on-demand writes and the
 * plugins' hooks. None of it touches Postgres: the content function runs outside the database's
 * network.
 */
export interface DeliveryContext {
  reader: DeliveryReader;
  blobs: BlobStore;
  config: { contentOrigin?: string; artifactUrlMode: 'cloudfront' | 'presign'; artifactUrlSeconds: number };
  /** The keys artifact URLs are signed with (CloudFront's format; the local /artifacts/ checks the same). */
  signing(): Promise<SigningMaterial>;
  /** The content guard a distribution is protected by, if any (from the delivery index). */
  guardFor(distribution: Distribution): Promise<ContentGuard | undefined>;
  /** Pulp's ContentGuard.permit() for this request. */
  permits(guard: ContentGuard, req: ContentRequest): Promise<GuardVerdict>;
  logger: Logger;
  /** A remote on-demand files are fetched from. */
  getRemote(id: string): Promise<Remote | undefined>;
  /** A file fetched on demand is stored: serve it as an artifact from now on, and have it recorded. */
  recordFetched(source: ServedSource, file: Extract<PublishedFile, { kind: 'remote' }>, artifact: { sha256: string; size: number }): Promise<void>;
  /** A remote source that failed is not tried again for a while (this process's memory). */
  markRemoteArtifactFailed(remoteArtifactId: string): void;
  /** Whether a remote source failed recently. */
  recentlyFailed(remoteArtifactId: string): boolean;
  /** Published metadata bodies, immutable by storage key. */
  metadataBodies: MetadataBodyCache;
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
