import type { CoreData, CoreStores } from '../core/ports/core-data';
import { SealedRemoteStore } from '../core/remotes/sealed-remote-store';
import type { SecretBox } from '../core/secrets/secret-box';

/** The stores with remotes' secrets sealed at rest, on the pool and inside transactions. */
export function sealedData(raw: CoreData, box: SecretBox): CoreData & { remotes: SealedRemoteStore } {
  const seal = (stores: CoreStores) => ({ ...stores, remotes: new SealedRemoteStore(stores.remotes, box) });
  return { ...seal(raw), transaction: (fn) => raw.transaction((tx) => fn(seal(tx))) };
}
