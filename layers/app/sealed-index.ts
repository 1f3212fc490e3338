import type { DeliveryIndex } from '../core/ports/delivery-index';
import type { DeliveryReader } from '../core/ports/delivery-reader';
import type { SealedRemoteStore } from '../core/remotes/sealed-remote-store';

/**
 * The delivery index with remotes' secrets sealed as in Postgres: the copy fetchers and the
 * content app read holds no plaintext password, and each opens what it needs with the same key.
 */
export function withSealedRemotes<I extends DeliveryIndex & DeliveryReader>(index: I, remotes: Pick<SealedRemoteStore, 'seal' | 'open'>): I {
  const sealed: Pick<DeliveryIndex, 'putRemote' | 'getRemote'> = {
    putRemote: async (remote) => index.putRemote(await remotes.seal(remote)),
    getRemote: async (id) => remotes.open(await index.getRemote(id)),
  };
  // Everything else is the index's own (its methods keep `this`: the prototype is the index).
  return Object.assign(Object.create(index) as I, sealed);
}
