import type { App } from '../../../app/app';
import { PgRemoteStore } from '../../../adapters/postgres/file/remote-store';
import { RemoteService } from './remote-service';
import type { RemoteStore } from './remote-store';

const cache = new WeakMap<App, { store: RemoteStore; remotes: RemoteService }>();

/** The remote store and service for an App, built once (the composition root for remotes). */
export function remoteServices(app: App): { store: RemoteStore; remotes: RemoteService } {
  let services = cache.get(app);
  if (!services) {
    const store = new PgRemoteStore(app.db);
    services = { store, remotes: new RemoteService(store) };
    cache.set(app, services);
  }
  return services;
}
