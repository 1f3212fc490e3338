import type { RepositoryVersion } from '../model';
import type { FileData, FileStores } from '../ports';
import { planVersion, VersionConflict } from '../version-plan';

export interface VersionRequest {
  add?: string[];
  /** Content ids, or '*' for everything in the base version. */
  remove?: string[] | '*';
  /** Start from this version's content instead of the latest's. */
  baseVersion?: number;
  /** The new version holds exactly `add`. */
  mirror?: boolean;
}

/** A version that cannot be deleted; the message is shown to the client. */
export class VersionProtected extends Error {}

/** Called after a new version is committed (autopublish). */
export type VersionCreatedHook = (version: RepositoryVersion) => Promise<void>;

/** Repository versions: immutable snapshots written as deltas (see schema/0002_file.sql). */
export class VersionService {
  private afterCreate: VersionCreatedHook | undefined;

  constructor(private readonly data: FileData) {}

  /** Set by the publication service: autopublish runs after the version commits. */
  onCreated(hook: VersionCreatedHook): void {
    this.afterCreate = hook;
  }

  latest(repositoryId: string): Promise<RepositoryVersion> {
    return this.data.versions.latest(repositoryId);
  }

  contentIds(repositoryId: string, number: number): Promise<string[]> {
    return this.data.versions.contentIds(repositoryId, number);
  }

  /**
   * Makes a new version from the latest (or `baseVersion`) plus the change, in one transaction
   * under the repository's row lock; null when the content would not change. Throws
   * VersionConflict (nothing written) when Pulp's path rules refuse the change.
   */
  async createVersion(repositoryId: string, request: VersionRequest): Promise<RepositoryVersion | null> {
    const version = await this.data.transaction(async (tx) => {
      const repo = await tx.repositories.lock(repositoryId);
      if (!repo) throw new VersionConflict('The repository does not exist.');
      const latest = await tx.versions.latest(repositoryId);
      let base = latest;
      if (request.baseVersion !== undefined && request.baseVersion !== latest.number) {
        const found = await tx.versions.get(repositoryId, request.baseVersion);
        if (!found) throw new VersionConflict(`Version ${request.baseVersion} of the repository does not exist.`);
        base = found;
      }
      const add = request.add ?? [];
      const addUnits = add.length ? await tx.content.pathUnits([...new Set(add)]) : [];
      if (addUnits.length !== new Set(add).size) throw new VersionConflict('Some content to add does not exist or is not file content.');
      const baseUnits = request.mirror ? [] : await tx.versions.units(repositoryId, base.number);
      const planned = planVersion({ base: baseUnits, add: addUnits, remove: request.remove ?? [] });

      const current = new Set(base === latest && !request.mirror ? baseUnits.map((u) => u.id) : await tx.versions.contentIds(repositoryId, latest.number));
      const toAdd = [...planned.keys()].filter((id) => !current.has(id));
      const toRemove = [...current].filter((id) => !planned.has(id));
      if (!toAdd.length && !toRemove.length) return null;

      const created = await tx.versions.insert(repositoryId, base.id);
      await tx.versions.applyDelta(repositoryId, created.number, toAdd, toRemove);
      if (repo.retainRepoVersions) await this.retain(tx, repositoryId, repo.retainRepoVersions);
      return created;
    });
    if (version && this.afterCreate) await this.afterCreate(version);
    return version;
  }

  /** Deletes old versions beyond the newest `keep`, sparing those distributions serve. */
  private async retain(tx: FileStores, repositoryId: string, keep: number): Promise<void> {
    const all = await tx.versions.list({ repositoryId }, { limit: 1_000_000, offset: 0 });
    const served = await tx.versions.servedVersionIds(repositoryId);
    const old = all.results.slice(keep).filter((v) => !served.has(v.id));
    for (const v of old.sort((a, b) => a.number - b.number)) await tx.versions.delete(repositoryId, v.number);
  }

  /** Deletes a version, squashing its changes into the next one, as Pulp does. */
  async deleteVersion(repositoryId: string, number: number): Promise<void> {
    await this.data.transaction(async (tx) => {
      const repo = await tx.repositories.lock(repositoryId);
      const version = repo && (await tx.versions.get(repositoryId, number));
      if (!version) throw new VersionProtected('The repository version does not exist.');
      if ((await tx.versions.count(repositoryId)) <= 1)
        throw new VersionProtected('Cannot delete the only version of a repository.');
      if ((await tx.versions.servedVersionIds(repositoryId)).has(version.id))
        throw new VersionProtected(
          'The repository version cannot be deleted because it (or its publications) are currently being used to distribute content.',
        );
      await tx.versions.delete(repositoryId, number);
    });
  }
}
