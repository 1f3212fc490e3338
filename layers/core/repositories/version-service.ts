import type { VersionUnit } from '../models/content';
import type { RepositoryVersion } from '../models/repository';
import type { CoreData, CoreStores } from '../ports/core-data';
import { planVersion, VersionConflict } from './version-plan';
import type { VersionRules } from './version-rules';

export interface VersionRequest {
  add?: string[];
  /** Content ids, or '*' for everything in the base version. */
  remove?: string[] | '*';
  /** Start from this version's content instead of the latest's (any repository of the same type). */
  baseVersionId?: string;
  /** The new version holds exactly `add`. */
  mirror?: boolean;
  /** The task making it: the version is named in its created resources in the same transaction. */
  createdBy?: { taskId: string; names(version: RepositoryVersion): { href: string; prn: string } };
}

/** A version that cannot be deleted; the message is shown to the client. */
export class VersionProtected extends Error {}

/** Repository versions: immutable snapshots written as deltas over the membership table. */
export class VersionService {
  constructor(
    private readonly data: CoreData,
    private readonly rules: VersionRules,
  ) {}

  latest(repositoryId: string): Promise<RepositoryVersion> {
    return this.data.versions.latest(repositoryId);
  }

  byId(id: string): Promise<RepositoryVersion | undefined> {
    return this.data.versions.byId(id);
  }

  get(repositoryId: string, number: number): Promise<RepositoryVersion | undefined> {
    return this.data.versions.get(repositoryId, number);
  }

  contentIds(repositoryId: string, number: number): Promise<string[]> {
    return this.data.versions.contentIds(repositoryId, number);
  }

  /**
   * Makes a new version from the latest (or a base version) plus the change, in one transaction
   * under the repository's row lock; null when the content would not change. Throws
   * VersionConflict (nothing written) when the rules refuse the change.
   */
  async create(repositoryId: string, request: VersionRequest): Promise<RepositoryVersion | null> {
    const version = await this.data.transaction(async (tx) => {
      const repo = await tx.repositories.lock(repositoryId);
      if (!repo) throw new VersionConflict('The repository does not exist.');
      const latest = await tx.versions.latest(repositoryId);
      let base = latest;
      if (request.baseVersionId !== undefined && request.baseVersionId !== latest.id) {
        const found = await tx.versions.byId(request.baseVersionId);
        if (!found) throw new VersionConflict('The base version does not exist.');
        if (found.pulpType !== repo.pulpType) throw new VersionConflict('The base version belongs to a repository of another type.');
        base = found;
      }
      const add = [...new Set(request.add ?? [])];
      const addUnits = add.length ? await tx.content.versionUnits(add) : [];
      if (addUnits.length !== add.length) throw new VersionConflict('Some content to add does not exist.');
      const foreign = addUnits.find((u) => !this.rules.accepts(repo.pulpType, u.pulpType));
      if (foreign) throw new VersionConflict(`A ${repo.pulpType} repository cannot hold ${foreign.pulpType} content.`);
      const baseUnits = request.mirror ? [] : await tx.versions.units(base.repositoryId, base.number);
      const planned = planVersion({ base: baseUnits, add: addUnits, remove: request.remove ?? [] }, (t) => this.rules.keyNames(t));

      const sameRepository = base.repositoryId === repositoryId;
      const currentUnits = sameRepository && base.number === latest.number && !request.mirror ? baseUnits : await tx.versions.units(repositoryId, latest.number);
      const current = new Map(currentUnits.map((u) => [u.id, u]));
      const toAdd = [...planned.keys()].filter((id) => !current.has(id));
      const toRemove = [...current.keys()].filter((id) => !planned.has(id));
      if (!toAdd.length && !toRemove.length) return null;

      const problem = this.rules.check(repo, [...planned.values()], replacements(current, planned, toAdd));
      if (problem) throw new VersionConflict(problem);
      const created = await tx.versions.insert(repositoryId, base.id);
      await tx.versions.applyDelta(repositoryId, created.number, toAdd, toRemove);
      if (request.createdBy) {
        const { href, prn } = request.createdBy.names(created);
        await tx.taskResources.addCreated(request.createdBy.taskId, href, prn);
      }
      if (repo.retainRepoVersions) await this.retain(tx, repositoryId, repo.retainRepoVersions);
      return created;
    });
    return version;
  }

  /** Deletes old versions beyond the newest `keep`, sparing those distributions serve. */
  private async retain(tx: CoreStores, repositoryId: string, keep: number): Promise<void> {
    const all = await tx.versions.list({ repositoryId }, { limit: 1_000_000, offset: 0 });
    const served = await tx.versions.servedVersionIds(repositoryId);
    const old = all.results.slice(keep).filter((v) => !served.has(v.id));
    for (const v of old.sort((a, b) => a.number - b.number)) await tx.versions.delete(repositoryId, v.number);
  }

  /** Deletes a version, squashing its changes into the next one, as Pulp does. */
  async delete(repositoryId: string, number: number): Promise<void> {
    await this.data.transaction(async (tx) => {
      const repo = await tx.repositories.lock(repositoryId);
      const version = repo && (await tx.versions.get(repositoryId, number));
      if (!version) throw new VersionProtected('The repository version does not exist.');
      if ((await tx.versions.count(repositoryId)) <= 1) throw new VersionProtected('Cannot delete the only version of a repository.');
      if ((await tx.versions.servedVersionIds(repositoryId)).has(version.id))
        throw new VersionProtected(
          'The repository version cannot be deleted because it (or its publications) are currently being used to distribute content.',
        );
      await tx.versions.delete(repositoryId, number);
    });
  }
}

/** Units of the current version that the new one replaces with another unit of the same key. */
function replacements(current: Map<string, VersionUnit>, planned: Map<string, VersionUnit>, added: string[]): Array<{ old: VersionUnit; new: VersionUnit }> {
  const byKey = new Map<string, VersionUnit>();
  for (const u of current.values()) if (!planned.has(u.id)) byKey.set(`${u.pulpType}\u0000${u.key}`, u);
  const out: Array<{ old: VersionUnit; new: VersionUnit }> = [];
  for (const id of added) {
    const fresh = planned.get(id)!;
    const old = byKey.get(`${fresh.pulpType}\u0000${fresh.key}`);
    if (old) out.push({ old, new: fresh });
  }
  return out;
}
