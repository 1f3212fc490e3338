import type { App } from '../app/app';
import { PgDeliveryReader } from '../adapters/postgres/file/delivery-store';
import { pgFileData } from '../adapters/postgres/file/file-data';
import { knownArtifacts } from '../adapters/postgres/file/known-artifacts';
import { PgRemoteStore } from '../adapters/postgres/file/remote-store';
import { registerCollection } from '../core/resource-names';
import { CachedDeliveryReader } from './file/delivery/cached-delivery-reader';
import { filePlugin } from './file/plugin';
import { GeneralTasks } from './general-tasks';

/** Registers every content plugin's services and task functions on the App, with its adapters. */
export function installPlugins(app: App): App {
  const general = new GeneralTasks();
  for (const c of filePlugin.collections) registerCollection(c.prefix, c.model);
  filePlugin.install(app, general, {
    data: pgFileData(app.db),
    delivery: new CachedDeliveryReader(new PgDeliveryReader(app.db)),
    remotes: new PgRemoteStore(app.db),
    knownArtifacts: (sha256s) => knownArtifacts(app.db, sha256s),
  });
  general.register(app.registry);
  return app;
}
