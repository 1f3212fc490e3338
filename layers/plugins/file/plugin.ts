import type { App } from '../../app/app';
import type { Plugin } from '../plugin';
import type { DeliveryReader } from './delivery/delivery-reader';
import { prefixes } from './hrefs';
import { FILE_TYPE } from './model';
import type { FileData } from './ports';
import { fileRoutes } from './routes/index';
import { installRemoteAndSync, remoteAndSyncRoutes } from './remote-and-sync';
import { attachFileServices, buildFileServices } from './services';
import { registerFileTasks } from './tasks';
import { attachRemoteServices } from './remotes/remote-services';
import type { RemoteStore } from './remotes/remote-store';
import { attachKnownArtifacts } from './sync/sync-services';
import type { SyncPorts } from './sync/sync-ports';

/** What the file plugin needs from the adapters. */
export interface FileAdapters {
  data: FileData;
  delivery: DeliveryReader;
  remotes: RemoteStore;
  knownArtifacts: SyncPorts['knownArtifacts'];
}

export const filePlugin: Plugin<FileAdapters> = {
  name: 'file',
  contentTypes: [{ pulpType: FILE_TYPE, contentPrefix: prefixes.content }],
  collections: [
    { prefix: prefixes.repository, model: 'file.filerepository' },
    { prefix: prefixes.remote, model: 'file.fileremote' },
    { prefix: prefixes.content, model: 'file.filecontent' },
    { prefix: prefixes.publication, model: 'file.filepublication' },
    { prefix: prefixes.distribution, model: 'file.filedistribution' },
  ],
  routes: () => [...fileRoutes(), ...remoteAndSyncRoutes()],
  install(app: App, general, adapters) {
    attachFileServices(app, buildFileServices(adapters.data, adapters.delivery, app.blobs));
    registerFileTasks(app, general);
    attachRemoteServices(app, adapters.remotes);
    attachKnownArtifacts(app, adapters.knownArtifacts);
    installRemoteAndSync(app, general);
  },
};
