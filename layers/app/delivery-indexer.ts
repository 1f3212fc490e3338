import type { PgDeliveryReader } from '../adapters/postgres/stores/delivery-store';
import type { ArtifactService } from '../core/artifacts/artifact-service';
import type { Logger } from '../core/logger';
import type { ContentGuard, GuardStore } from '../core/access/content-guard';
import type { ContentStore } from '../core/ports/content-store';
import type { DeliveryIndex, IndexedFile } from '../core/ports/delivery-index';
import { sourceKey, type ServedSource } from '../core/ports/delivery-reader';
import type { RemoteService } from '../core/remotes/remote-service';

/** What the indexer records on-demand fetches with, in Postgres. */
export interface IndexerDeps {
  artifacts: ArtifactService;
  content: ContentStore;
  remotes: RemoteService;
  guards: Pick<GuardStore, 'get' | 'list'>;
}

/**
 * Keeps the delivery index in step with Postgres. Tasks that change what a distribution serves
 * (a new version or publication, a distribution created, changed or deleted, a publication or
 * version deleted) call it before they complete, so a client that saw the task finish reads the
 * new state; the reconciler repairs whatever drifted (a crash between the two writes).
 */
export class DeliveryIndexer {
  constructor(
    private readonly index: DeliveryIndex,
    private readonly postgres: PgDeliveryReader,
    private readonly deps: IndexerDeps,
    private readonly logger: Logger,
  ) {}

  /** Writes what the distribution serves now (its source's files first, once per source). */
  async refreshDistribution(id: string): Promise<void> {
    const serving = await this.postgres.serving(id);
    if (!serving) return;
    if (serving.source && !(await this.index.hasSource(serving.source))) await this.writeSource(serving.source);
    // A pull-through remote: the content app fetches from it without Postgres.
    if (serving.distribution.remoteId) await this.refreshRemote(serving.distribution.remoteId);
    await this.index.putDistribution(serving.distribution, serving.source);
  }

  /** Every distribution that serves the repository, in any way. */
  async refreshRepository(repositoryId: string): Promise<void> {
    for (const id of await this.postgres.distributionsOfRepository(repositoryId)) await this.refreshDistribution(id);
  }

  /** Ids of the distributions serving a repository: capture them before a delete that unlinks them. */
  distributionsOf(repositoryId: string): Promise<string[]> {
    return this.postgres.distributionsOfRepository(repositoryId);
  }

  async refreshAll(ids: string[]): Promise<void> {
    for (const id of ids) await this.refreshDistribution(id);
  }

  /** A source's files, and the remotes its on-demand files come from (the content app fetches without Postgres). */
  private async writeSource(source: ServedSource): Promise<void> {
    const remotes = new Set<string>();
    const postgres = this.postgres;
    async function* withRemotes(): AsyncIterable<IndexedFile> {
      for await (const file of postgres.sourceFiles(source)) {
        if (file.kind === 'remote') for (const r of file.remotes) remotes.add(r.remoteId);
        yield file;
      }
    }
    const files = await this.index.writeSource(source, withRemotes());
    for (const id of remotes) await this.refreshRemote(id);
    this.logger.info('Indexed a served source', { source: sourceKey(source), files, remotes: remotes.size });
  }

  /** Keeps the index's copy of a remote current (after it changed). */
  async refreshRemote(id: string): Promise<void> {
    const remote = await this.deps.remotes.get(id);
    if (remote) await this.index.putRemote(remote);
  }

  /** Records in Postgres the artifacts the content app fetched on demand; returns how many. */
  async applyAttachments(limit = 500): Promise<number> {
    const pending = await this.index.pendingAttachments(limit);
    for (const a of pending) {
      const artifact = await this.deps.artifacts.ensureArtifact({ sha256: a.sha256, size: a.size });
      await this.deps.content.attachArtifact(a.contentArtifactId, artifact.id);
      await this.index.clearAttachment(a.contentArtifactId);
    }
    return pending.length;
  }

  /** A guard was created or changed: the content app checks the new definition from now on. */
  async refreshGuard(id: string): Promise<void> {
    const guard = await this.deps.guards.get(id);
    if (guard) await this.index.putGuard(guard);
    else await this.index.deleteGuard(id);
  }

  /**
   * A guard was deleted: Postgres unset it on its distributions, so rewrite those (from the
   * index's copies, which still name it), then drop the guard itself.
   */
  async guardDeleted(id: string): Promise<void> {
    for (const { distribution } of await this.index.distributions()) {
      if (distribution.contentGuardId === id) await this.refreshDistribution(distribution.id);
    }
    await this.index.deleteGuard(id);
  }

  forget(basePath: string): Promise<void> {
    return this.index.deleteDistribution(basePath);
  }

  /** Brings the index back in line with Postgres; returns how many entries it rewrote or removed. */
  async reconcile(): Promise<{ refreshed: number; removed: number }> {
    const ids = await this.postgres.allDistributionIds();
    const indexed = await this.index.distributions();
    let refreshed = 0;
    const live = new Set<string>();
    for (const id of ids) {
      const serving = await this.postgres.serving(id);
      if (!serving) continue;
      live.add(serving.distribution.basePath);
      const current = indexed.find((d) => d.distribution.basePath === serving.distribution.basePath);
      const same = current && JSON.stringify(current) === JSON.stringify({ distribution: serving.distribution, source: serving.source });
      const complete = !serving.source || (await this.index.hasSource(serving.source));
      if (same && complete) continue;
      await this.refreshDistribution(id);
      refreshed++;
    }
    let removed = 0;
    for (const d of indexed) {
      if (live.has(d.distribution.basePath)) continue;
      await this.index.deleteDistribution(d.distribution.basePath);
      removed++;
    }
    const guards = await this.reconcileGuards();
    refreshed += guards.refreshed;
    removed += guards.removed;
    if (refreshed || removed) this.logger.info('Delivery index reconciled', { refreshed, removed });
    return { refreshed, removed };
  }

  private async reconcileGuards(): Promise<{ refreshed: number; removed: number }> {
    const live = new Map<string, ContentGuard>();
    for (let offset = 0; ; offset += 500) {
      const page = await this.deps.guards.list({}, { limit: 500, offset });
      for (const g of page.results) live.set(g.id, g);
      if (page.results.length < 500) break;
    }
    const indexed = new Map((await this.index.guards()).map((g) => [g.id, g]));
    let refreshed = 0;
    let removed = 0;
    for (const [id, guard] of live) {
      if (JSON.stringify(indexed.get(id)) === JSON.stringify(guard)) continue;
      await this.index.putGuard(guard);
      refreshed++;
    }
    for (const id of indexed.keys()) {
      if (live.has(id)) continue;
      await this.index.deleteGuard(id);
      removed++;
    }
    return { refreshed, removed };
  }
}
