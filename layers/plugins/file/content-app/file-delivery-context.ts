import type { App } from '../../../app/app';
import { fileServices } from '../services';
import { remoteServices } from '../remotes/remote-services';
import type { DeliveryContext } from './delivery-context';
import { MetadataBodyCache } from './metadata-body-cache';

const cache = new WeakMap<App, DeliveryContext>();

/** The content app's view of an App: the file plugin's read side plus on-demand writes. */
export function fileDeliveryContext(app: App): DeliveryContext {
  let ctx = cache.get(app);
  if (ctx) return ctx;
  const files = fileServices(app);
  const remotes = remoteServices(app);
  ctx = {
    reader: files.delivery,
    blobs: app.blobs,
    config: app.config,
    logger: app.logger,
    getRemote: (id) => remotes.store.get(id),
    ensureArtifact: (digests) => files.artifacts.ensureArtifact(digests),
    metadataBodies: new MetadataBodyCache(),
  };
  cache.set(app, ctx);
  return ctx;
}
