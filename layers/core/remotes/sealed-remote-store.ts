import { HIDDEN_REMOTE_FIELDS, type Remote } from '../models/remote';
import type { RemoteFilter, RemoteStore, RemoteValues } from '../ports/remote-store';
import { isSealed, type SecretBox } from '../secrets/secret-box';

type Hidden = (typeof HIDDEN_REMOTE_FIELDS)[number];

/**
 * A remote store whose secrets (HIDDEN_REMOTE_FIELDS) are sealed before they reach the
 * database and opened when read, so rows, backups and task arguments never hold them in
 * plaintext. Values that arrive already sealed (a route sealed them before putting them in a
 * task's arguments) are stored as they are.
 */
export class SealedRemoteStore implements RemoteStore {
  constructor(
    private readonly inner: RemoteStore,
    private readonly box: SecretBox,
  ) {}

  /** Seals every plaintext secret among `values`. */
  async seal<T extends Partial<RemoteValues>>(values: T): Promise<T> {
    const out: Record<string, unknown> = { ...values };
    for (const field of HIDDEN_REMOTE_FIELDS) {
      const v = out[field];
      if (typeof v === 'string' && v !== '' && !isSealed(v)) out[field] = await this.box.seal(v);
    }
    return out as T;
  }

  /** The remote with its secrets opened (a copy kept elsewhere, e.g. the delivery index, holds them sealed). */
  async open(remote: Remote | undefined): Promise<Remote | undefined> {
    if (!remote) return undefined;
    const out = { ...remote };
    for (const field of HIDDEN_REMOTE_FIELDS) {
      const v = out[field as Hidden];
      if (typeof v === 'string' && isSealed(v)) out[field as Hidden] = await this.box.open(v);
    }
    return out;
  }

  async insert(id: string, pulpType: string, values: RemoteValues): Promise<Remote> {
    return (await this.open(await this.inner.insert(id, pulpType, await this.seal(values))))!;
  }

  async get(id: string): Promise<Remote | undefined> {
    return this.open(await this.inner.get(id));
  }

  nameTaken(name: string, exceptId?: string): Promise<boolean> {
    return this.inner.nameTaken(name, exceptId);
  }

  async list(filter: RemoteFilter, window: { limit: number; offset: number }) {
    const found = await this.inner.list(filter, window);
    return { count: found.count, results: (await Promise.all(found.results.map((r) => this.open(r)))) as Remote[] };
  }

  async update(id: string, changes: Partial<RemoteValues>): Promise<Remote | undefined> {
    return this.open(await this.inner.update(id, await this.seal(changes)));
  }

  delete(id: string): Promise<boolean> {
    return this.inner.delete(id);
  }

  /**
   * Re-encrypts what is not sealed under the current key (plaintext from before encryption,
   * or another key after a rotation); returns how many remotes changed. A value no configured
   * key opens is left as it is (another process's key, or a key retired too early).
   */
  async reseal(): Promise<number> {
    let changed = 0;
    for (let offset = 0; ; offset += 100) {
      const page = await this.inner.list({ ordering: [{ field: 'pulp_created', desc: false }] }, { limit: 100, offset });
      for (const remote of page.results) {
        const stale = HIDDEN_REMOTE_FIELDS.filter((f) => {
          const v = remote[f as Hidden];
          return typeof v === 'string' && v !== '' && !this.box.isCurrent(v);
        });
        if (!stale.length) continue;
        const opened = await this.open(remote).catch(() => undefined);
        if (!opened) continue;
        const patch: Partial<RemoteValues> = {};
        for (const f of stale) (patch as Record<string, unknown>)[f] = await this.box.seal(opened[f as Hidden] as string);
        await this.inner.update(remote.id, patch);
        changed += 1;
      }
      if (page.results.length < 100) break;
    }
    return changed;
  }
}
