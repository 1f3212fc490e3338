import { artifactRedirect } from '../content/artifact-response';
import { CachedDeliveryReader } from '../content/cached-delivery-reader';
import type { DeliveryContext } from '../content/delivery-context';
import { MetadataBodyCache } from '../content/metadata-body-cache';
import type { App } from './app';

/** The content app's view of the app: the cached read side, on-demand writes, and the plugins' hooks. */
export function buildDeliveryContext(app: App): DeliveryContext {
  const { services, types } = app;
  const context: DeliveryContext = {
    reader: new CachedDeliveryReader(services.delivery),
    blobs: app.blobs,
    config: app.config,
    logger: app.logger,
    getRemote: (id) => services.remotes.get(id),
    ensureArtifact: (digests) => services.artifacts.ensureArtifact(digests),
    attachArtifact: (contentArtifactId, artifactId) => app.data.content.attachArtifact(contentArtifactId, artifactId),
    markRemoteArtifactFailed: (id) => app.data.content.markRemoteArtifactFailed(id),
    metadataBodies: new MetadataBodyCache(),
    serveFrom: (pulpType) => types.distributions.find(pulpType)?.definition.serveFrom ?? 'publication',
    async serveMissing(distribution, relativePath, req) {
      const plugin = types.distributions.find(distribution.pulpType)?.plugin;
      const hook = plugin?.contentApp?.serveMissing;
      if (!hook) return undefined;
      const headers = Object.fromEntries(Object.entries(req.headers).filter((e): e is [string, string] => e[1] !== undefined));
      const answer = await hook({ distribution, relativePath, head: req.head, headers }, app.plugins);
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
