import type { Logger } from '../core/logger';
import type { DeliveryIndex } from '../core/ports/delivery-index';
import type { DeliveryReader } from '../core/ports/delivery-reader';
import type { BlobStore } from '../core/storage/blob-store';
import { artifactRedirect } from '../content/artifact-response';
import { readDocument, storeFile } from '../core/download/direct-fetch';
import type { ContentAppServices } from '../plugin-api/definitions/plugin-functions';
import { CachedDeliveryReader } from '../content/cached-delivery-reader';
import type { DeliveryContext } from '../content/delivery-context';
import { MetadataBodyCache } from '../content/metadata-body-cache';
import type { ApiGuardAuthority } from '../adapters/http/api-guard-authority';
import { GuardCheck } from '../core/access/guard-check';
import { ExpiringCache } from '../content/expiring-cache';
import type { App } from './app';

/** A changed or deleted guard takes effect within this long in every content function. */
const GUARD_CACHE_MS = 5_000;
/** A remote source that failed is not tried again for this long (Pulp's 300 s). */
const FAILURE_COOLDOWN_MS = 300_000;

/**
 * The content app's view of the app: the delivery index behind a cache of immutable sources,
 * on-demand writes to storage and to the index (the workers record them in Postgres), and the
 * plugins' hooks, and content guards checked from the index (an RBAC guard asks the API with
 * the viewer's credentials). Nothing here reads or writes Postgres.
 */
export function buildDeliveryContext(
  app: App,
  index: DeliveryIndex & DeliveryReader,
  deps: { blobs: BlobStore; logger: Logger; authority: ApiGuardAuthority },
): DeliveryContext {
  const { types } = app;
  const failed = new Map<string, number>();
  const guards = new ExpiringCache((id: string) => index.getGuard(id), GUARD_CACHE_MS);
  // The content function reaches upstreams itself (it runs outside the VPC); Postgres learns of
  // what it kept from the workers, through the index.
  const hookServices: ContentAppServices = {
    logger: deps.logger,
    remote: (id) => index.getRemote(id),
    text: (remote, url, limit) => readDocument(remote, url, limit),
    store: (remote, file) => storeFile(remote, deps.blobs, file),
    keep: (file) => index.queuePulled(file),
  };
  const guardCheck = new GuardCheck(async () => (await app.access.signing.material()).redirect, (id) => guards.get(id));
  const context: DeliveryContext = {
    reader: new CachedDeliveryReader(index),
    blobs: deps.blobs,
    config: app.config,
    logger: deps.logger,
    signing: () => app.access.signing.material(),
    guardFor: (distribution) => (distribution.contentGuardId ? guards.get(distribution.contentGuardId) : Promise.resolve(undefined)),
    permits(guard, req) {
      // Basic credentials (CloudFront hands the viewer's Authorization over as X-Pulp-Authorization).
      const authorization = req.headers['x-pulp-authorization'] ?? req.headers.authorization;
      return guardCheck.permit(guard, {
        headers: req.headers,
        path: req.rawPath ?? '',
        rawQuery: req.rawQuery ?? '',
        grants: async () => deps.authority.grantsFor(authorization),
      });
    },
    getRemote: (id) => index.getRemote(id),
    async recordFetched(source, file, artifact) {
      const { remotes: _remotes, ...rest } = file;
      await index.updateFile(source, { ...rest, kind: 'artifact', sha256: artifact.sha256, size: artifact.size, modified: new Date().toISOString() });
      await index.queueAttachment({ contentArtifactId: file.contentArtifactId, sha256: artifact.sha256, size: artifact.size });
    },
    markRemoteArtifactFailed: (id) => void failed.set(id, Date.now()),
    recentlyFailed: (id) => Date.now() - (failed.get(id) ?? 0) < FAILURE_COOLDOWN_MS,
    metadataBodies: new MetadataBodyCache(),
    async serveMissing(distribution, relativePath, req) {
      const plugin = types.distributions.find(distribution.pulpType)?.plugin;
      const hook = plugin?.contentApp?.serveMissing;
      if (!hook) return undefined;
      const headers = Object.fromEntries(Object.entries(req.headers).filter((e): e is [string, string] => e[1] !== undefined));
      const answer = await hook({ distribution, relativePath, head: req.head, headers }, hookServices);
      if (!answer) return undefined;
      if ('artifact' in answer) return artifactRedirect(context, req, { relativePath, ...answer.artifact });
      const binary = Buffer.isBuffer(answer.body);
      return {
        statusCode: answer.statusCode,
        headers: answer.headers,
        body: req.head ? '' : binary ? (answer.body as Buffer).toString('base64') : (answer.body as string),
        isBase64Encoded: binary && !req.head,
      };
    },
  };
  return context;
}
