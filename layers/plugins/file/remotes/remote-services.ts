import type { App } from '../../../app/app';
import { RemoteService } from './remote-service';
import type { RemoteStore } from './remote-store';

const installed = new WeakMap<App, { store: RemoteStore; remotes: RemoteService }>();

/** Builds the remote service on the store the adapters provide; called by the plugin's install. */
export function attachRemoteServices(app: App, store: RemoteStore): void {
  installed.set(app, { store, remotes: new RemoteService(store) });
}

/** The remote store and service of an App. */
export function remoteServices(app: App): { store: RemoteStore; remotes: RemoteService } {
  const services = installed.get(app);
  if (!services) throw new Error('The file plugin is not installed on this App (call installPlugins)');
  return services;
}
