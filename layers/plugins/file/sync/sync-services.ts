import type { App } from '../../../app/app';
import { fileServices } from '../services';
import { remoteServices } from '../remotes/remote-services';
import type { SyncPorts } from './sync-ports';

const cache = new WeakMap<App, SyncPorts>();
const lookups = new WeakMap<App, SyncPorts['knownArtifacts']>();

/** The adapters' bulk "which of these sha256s are stored" lookup; set by the plugin's install. */
export function attachKnownArtifacts(app: App, lookup: SyncPorts['knownArtifacts']): void {
  lookups.set(app, lookup);
}

/** The sync's ports on an App: the file plugin's services, remotes, and one bulk lookup. */
export function syncServices(app: App): SyncPorts {
  let ports = cache.get(app);
  if (ports) return ports;
  const knownArtifacts = lookups.get(app);
  if (!knownArtifacts) throw new Error('The file plugin is not installed on this App (call installPlugins)');
  const files = fileServices(app);
  const remotes = remoteServices(app);
  ports = {
    blobs: app.blobs,
    logger: app.logger,
    getRepository: (id) => files.data.repositories.get(id),
    getRemote: (id) => remotes.store.get(id),
    knownArtifacts,
    ensureArtifact: (digests) => files.artifacts.ensureArtifact(digests),
    ensureFileContents: (units) => files.content.ensureFileContents(units),
    addRemoteArtifacts: (items) => files.content.addRemoteArtifacts(items),
    createVersion: (repositoryId, change) => files.versions.createVersion(repositoryId, change),
    publish: (versionId, manifest) => files.publications.publish(versionId, { manifest }),
    setLastSyncDetails: async (repositoryId, details) => {
      await files.data.repositories.update(repositoryId, { lastSyncDetails: details });
    },
  };
  cache.set(app, ports);
  return ports;
}
