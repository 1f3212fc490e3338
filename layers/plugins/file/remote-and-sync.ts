import type { App } from '../../app/app';
import type { Route } from '../../http/route';
import type { GeneralTasks } from '../general-tasks';
import { REMOTE_KIND } from './remotes/remote';
import { genericRemoteListRoute, remoteRoutes } from './remotes/remote-routes';
import { remoteServices } from './remotes/remote-services';
import { deleteRemoteTask, updateRemoteTask } from './remotes/remote-tasks';
import { synchronize, SYNC_TASK, type SyncArgs } from './sync/synchronize';
import { syncRoutes } from './sync/sync-routes';
import { syncServices } from './sync/sync-services';

/** File remotes and sync: their routes, for the file plugin's route list. */
export function remoteAndSyncRoutes(): Route<App>[] {
  return [...remoteRoutes, genericRemoteListRoute, ...syncRoutes];
}

/** Registers the remote / sync task functions on an App (the plugin registers the collections). */
export function installRemoteAndSync(app: App, general: GeneralTasks): void {
  const { remotes } = remoteServices(app);
  general.on('update', REMOTE_KIND, updateRemoteTask(remotes));
  general.on('delete', REMOTE_KIND, deleteRemoteTask(remotes));
  app.registry.register(SYNC_TASK, (ctx, args) => synchronize(syncServices(app), ctx, args as unknown as SyncArgs));
}
